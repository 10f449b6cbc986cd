package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.chain.state.TaskState;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.node.data.TrainTestData;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.pole.PoleNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A private task (PROTOCOL.md 3.9) through the seeded whole-network simulation: the requester posts
 * an encrypted training set and releases each round's keys, every miner decrypts the round's
 * projections and trains on them, the winners verify on every node, and no node ever holds the
 * training set in the clear.
 */
class PrivateTaskSimulationTest {
    private static final TaskPreset PRIVATE = TaskPreset.named("mlp-small-private");

    @Test
    void minersTrainOnDecryptedProjectionsAndNoNodeHoldsTheClearTrainingSet() {
        TrainTestData data = PRIVATE.load();
        SimOutcome o;
        try (ComputePool pool = new ComputePool(2)) {
            o = new Simulation(new SimConfig(3, 2, PRIVATE, 7, 50, 2, List.of()), data).run(pool);
        }
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> rows = o.rows(pool);
            rows.stream().filter(r -> !r.kind().equals("idle")).forEach(System.out::println);
            assertThat(o.converged()).isTrue();
            assertThat(o.reverifies(pool)).isTrue();
            assertThat(rows).filteredOn(r -> r.kind().equals("pole")).hasSize(2).allSatisfy(r -> {
                assertThat(r.verifiedScore()).isEqualTo(r.claimedScore());
                // 16 projections of 1,500 samples: far above the 10% of chance, below the clear task
                assertThat(r.testAccuracy()).isGreaterThan(0.4);
            });
            assertThat(o.rejections()).isEmpty();
        }
        // every round's keys were released and every miner trained on them
        assertThat(o.events())
                .filteredOn(e -> e instanceof PoleEvent.KeysReleased)
                .isNotEmpty();
        assertThat(o.events())
                .filteredOn(e -> e instanceof PoleEvent.Trained)
                .extracting(e -> ((PoleEvent.Trained) e).node())
                .containsAll(o.nodes().stream().map(PoleNode::name).toList());
        Hash clear = Hash.sha256(DatasetCodec.encode(data.train()));
        for (PoleNode node : o.nodes()) {
            TaskState task = node.chain().head().tip().state().tasks().get(1).orElseThrow();
            assertThat(task.terms().isPrivate()).isTrue();
            byte[] blob = node.chain().blobs().get(task.terms().trainingSet()).orElseThrow();
            assertThat(new String(Arrays.copyOf(blob, 4), StandardCharsets.US_ASCII))
                    .as("the training blob on %s is an encrypted data set", node.name())
                    .isEqualTo("LCED");
            assertThat(node.chain().blobs().get(clear))
                    .as("the clear training set on %s", node.name())
                    .isEmpty();
        }
    }
}
