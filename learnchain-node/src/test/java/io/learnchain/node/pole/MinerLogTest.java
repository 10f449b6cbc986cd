package io.learnchain.node.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.node.event.PoleEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MinerLogTest {
    private static Hash h(String s) {
        return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsWinsAndLossesWithTheReason() {
        AtomicLong now = new AtomicLong(5);
        MinerLog log = new MinerLog(3, now::get);
        log.record(new PoleEvent.CandidateSent("n", h("p1"), h("mine1"), 80));
        log.record(new PoleEvent.RoundDecided("n", h("p1"), Optional.of(h("mine1")), 2, 1, 0.1));
        log.record(new PoleEvent.CandidateSent("n", h("p2"), h("mine2"), 90));
        log.record(new PoleEvent.Rejected("n", h("mine2"), "lc1x", InvalidReason.FALSE_SCORE_CLAIM));
        log.record(new PoleEvent.RoundDecided("n", h("p2"), Optional.of(h("other")), 2, 2, 0.1));
        log.record(new PoleEvent.CandidateSent("n", h("p3"), h("mine3"), 70));
        log.record(new PoleEvent.RoundDecided("n", h("p3"), Optional.of(h("better")), 2, 1, 0.1));
        log.record(new PoleEvent.RoundDecided("n", h("p4"), Optional.of(h("someone")), 1, 1, 0.1));
        assertThat(log.wins()).isEqualTo(1);
        assertThat(log.losses()).isEqualTo(2);
        var outcomes = log.outcomes(10);
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).reason())
                .isEqualTo("outscored by block " + h("better").toHex());
        assertThat(outcomes.get(1).reason()).isEqualTo("rejected: FALSE_SCORE_CLAIM");
        assertThat(outcomes.get(2).won()).isTrue();
        assertThat(log.actions(10)).hasSize(3);
        assertThat(log.actions(1).getFirst().fields()).containsEntry("kind", "round");
        assertThat(log.actions(1).getFirst().timeMillis()).isEqualTo(5);
    }
}
