package io.learnchain.node.metrics;

import io.learnchain.node.event.PoleEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * The proof-of-learning side of {@code /metrics} (issue 19, part 6), from the pole events of the node:
 * rounds decided here and how long deciding took, and the CPU seconds the node spent training
 * (its miner) and re-checking work (audits that replay a won round's record). The share of the
 * process's CPU time spent training is {@code rate(learnchain_pole_training_cpu_seconds_total)} over
 * {@code rate(process_cpu_seconds_total)} (the Grafana dashboard draws it).
 */
public final class PoleMetrics implements Consumer<PoleEvent> {
    private final Counter roundsDecided;
    private final DistributionSummary verification;
    private final Counter trainingCpu;
    private final Counter auditCpu;
    private final Counter candidatesRejected;

    public PoleMetrics(MeterRegistry registry) {
        roundsDecided = Counter.builder("learnchain.pole.rounds.decided")
                .description("proof-of-learning rounds this node decided (a winner verified)")
                .register(registry);
        verification = DistributionSummary.builder("learnchain.pole.verification")
                .baseUnit("seconds")
                .description("time to verify a round's candidates until the winner")
                .register(registry);
        trainingCpu = Counter.builder("learnchain.pole.training.cpu")
                .baseUnit("seconds")
                .description("CPU seconds this node's miner spent training models for rounds")
                .register(registry);
        auditCpu = Counter.builder("learnchain.pole.audit.cpu")
                .baseUnit("seconds")
                .description("CPU seconds this node spent replaying won rounds' training records")
                .register(registry);
        candidatesRejected = Counter.builder("learnchain.pole.candidates.rejected")
                .description("candidate blocks this node found invalid")
                .register(registry);
    }

    @Override
    public void accept(PoleEvent event) {
        switch (event) {
            case PoleEvent.RoundDecided d -> {
                roundsDecided.increment();
                verification.record(d.verifySeconds());
            }
            case PoleEvent.Trained t -> trainingCpu.increment(t.cpuSeconds());
            case PoleEvent.Audited a -> auditCpu.increment(a.cpuSeconds());
            case PoleEvent.Rejected r -> candidatesRejected.increment();
            case PoleEvent.BelowMinimum b -> {}
            case PoleEvent.Committed c -> {}
            case PoleEvent.Revealed r -> {}
            case PoleEvent.KeysReleased k -> {}
            case PoleEvent.CandidateReceived c -> {}
            case PoleEvent.CandidateSent c -> {}
            case PoleEvent.Sealed s -> {}
        }
    }
}
