package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.event.PoleEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pole events reach SSE clients as event {@code pole} with a {@code kind} and flat hex fields. */
class PoleEventStreamTest {
    private static final Hash PARENT = Hash.sha256(new byte[] {1});
    private static final Hash BLOCK = Hash.sha256(new byte[] {2});

    @Test
    void poleEventsAreNamedPoleAndCarryTheirKindAndFields() {
        NodeEvent trained = new NodeEvent.Pole(new PoleEvent.Trained("n", PARENT, 3, 600, 51_094, 60_000, 3.5));
        assertThat(EventRoutes.name(trained)).isEqualTo("pole");
        assertThat(EventRoutes.payload(trained))
                .containsEntry("kind", "trained")
                .containsEntry("parent", PARENT.toHex())
                .containsEntry("taskId", 3L)
                .containsEntry("trainCorrect", 51_094)
                .containsEntry("trainCount", 60_000);
        NodeEvent decided = new NodeEvent.Pole(new PoleEvent.RoundDecided("n", PARENT, Optional.empty(), 0, 0, 0));
        assertThat(EventRoutes.payload(decided)).containsEntry("kind", "round").containsEntry("winner", null);
        NodeEvent rejected =
                new NodeEvent.Pole(new PoleEvent.Rejected("n", BLOCK, "lc1x", InvalidReason.FALSE_SCORE_CLAIM));
        assertThat(EventRoutes.payload(rejected))
                .containsEntry("kind", "rejected")
                .containsEntry("reason", "FALSE_SCORE_CLAIM")
                .containsEntry("block", BLOCK.toHex());
    }
}
