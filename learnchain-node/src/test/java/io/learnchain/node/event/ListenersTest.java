package io.learnchain.node.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenersTest {
    /**
     * Found by NamespaceNetworkIT: the task book-keeping threw on a round decided without a winner
     * here (the candidates' models had not arrived), the exception left the round's decision before
     * it imported those candidates, and the nodes learned the round's block only by a later sync.
     */
    @Test
    void aListenerThatThrowsIsSkippedAndTheOthersStillHearTheEvent() {
        Listeners<String> listeners = new Listeners<>("test events");
        List<String> heard = new ArrayList<>();
        listeners.add(heard::add);
        listeners.add(e -> {
            throw new NullPointerException("a listener's bug");
        });
        listeners.add(e -> heard.add(e + " again"));

        assertThatCode(() -> listeners.publish("decided")).doesNotThrowAnyException();
        assertThat(heard).containsExactly("decided", "decided again");
    }
}
