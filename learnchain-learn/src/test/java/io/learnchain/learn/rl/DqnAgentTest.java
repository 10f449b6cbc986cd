package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.DqnHyperparameters.TdLoss;
import io.learnchain.learn.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DqnAgentTest {
    private static final Environment CARTPOLE = new CartPole();
    private static final DqnHyperparameters SMALL = new DqnHyperparameters(
            DqnHyperparameters.mlp(4, 32, 2),
            new EpsilonSchedule(1f, 0.1f, 200),
            0.99f,
            Optimizer.Adam.of(1e-3f),
            500,
            16,
            10,
            2,
            32,
            TdLoss.HUBER);

    /** Runs the agent for {@code steps} blocks on CartPole; returns the training records. */
    static List<DqnTrainingRecord> drive(DqnAgent agent, Environment env, long steps, long seed) {
        List<DqnTrainingRecord> records = new ArrayList<>();
        EnvState s = env.reset(seed);
        for (long t = 0; t < steps; t++) {
            SplitMix64 block = SplitMix64.derive(seed, t);
            int a = agent.act(s, new SplitMix64(block.nextLong()));
            StepResult r = env.step(s, a, new SplitMix64(block.nextLong()));
            agent.observe(Transition.of(s, a, r));
            records.add(agent.train(block.nextLong()));
            s = r.done() ? env.reset(block.nextLong()) : r.next();
        }
        return records;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void sameSeedGivesSameWeightsHash(long seed) {
        DqnAgent a = DqnAgent.create(SMALL, seed, ComputePool.serial());
        DqnAgent b = DqnAgent.create(SMALL, seed, ComputePool.serial());
        List<DqnTrainingRecord> ra = drive(a, CARTPOLE, 150, seed);
        List<DqnTrainingRecord> rb = drive(b, CARTPOLE, 150, seed);
        assertThat(ra).as("seed %d", seed).isEqualTo(rb);
        assertThat(a.weightsHash()).isEqualTo(b.weightsHash());
        assertThat(a.weightsHash())
                .isNotEqualTo(DqnAgent.create(SMALL, seed, ComputePool.serial()).weightsHash());
        assertThat(a.weightsHash())
                .isNotEqualTo(drive(DqnAgent.create(SMALL, seed + 100, ComputePool.serial()), CARTPOLE, 150, seed)
                        .getLast()
                        .weightsAfter());
    }

    @Test
    void twoThreadsGiveSameHashesAsOne() {
        DqnAgent one = DqnAgent.create(SMALL, 5, ComputePool.serial());
        List<DqnTrainingRecord> r1 = drive(one, CARTPOLE, 120, 5);
        try (ComputePool pool = new ComputePool(2)) {
            DqnAgent two = DqnAgent.create(SMALL, 5, pool);
            assertThat(drive(two, CARTPOLE, 120, 5)).isEqualTo(r1);
        }
    }

    @Test
    void replayOfRecordedBlockGivesRecordedHashes() {
        DqnAgent agent = DqnAgent.create(SMALL, 9, ComputePool.serial());
        drive(agent, CARTPOLE, 60, 9);
        DqnAgent before = agent.copy();
        DqnTrainingRecord record = drive(agent, CARTPOLE, 1, 77).getFirst();
        assertThat(record.batchSeeds()).hasSize(SMALL.gradientSteps());
        assertThat(record.weightsAfter()).isNotEqualTo(record.weightsBefore());
        // The replayer needs the learner state before training, the block's transition included.
        DqnAgent replayFrom = before.copy();
        EnvState s = CARTPOLE.reset(77);
        SplitMix64 block = SplitMix64.derive(77, 0);
        int a = replayFrom.act(s, new SplitMix64(block.nextLong()));
        replayFrom.observe(Transition.of(s, a, CARTPOLE.step(s, a, new SplitMix64(block.nextLong()))));
        assertThat(DqnAgent.verify(replayFrom, record)).isTrue();
        assertThat(DqnAgent.replay(replayFrom, record).weightsHash()).isEqualTo(agent.weightsHash());
    }

    @Test
    void replayWithAlteredBatchSeedDoesNotVerify() {
        DqnAgent agent = DqnAgent.create(SMALL, 3, ComputePool.serial());
        drive(agent, CARTPOLE, 60, 3);
        DqnAgent before = agent.copy();
        DqnTrainingRecord honest = agent.train(1234);
        assertThat(DqnAgent.verify(before, honest)).isTrue();
        List<Long> seeds = new ArrayList<>(honest.batchSeeds());
        seeds.set(0, seeds.get(0) + 1);
        DqnTrainingRecord forged = new DqnTrainingRecord(
                honest.weightsBefore(), honest.weightsAfter(), honest.targetAfter(), honest.iterationBefore(), seeds);
        assertThat(DqnAgent.verify(before, forged)).isFalse();
        assertThatThrownBy(() -> DqnAgent.replay(agent, honest)).hasMessageContaining("replay from the learner state");
    }

    @Test
    void trainsNothingBeforeWarmup() {
        DqnAgent agent = DqnAgent.create(SMALL, 4, ComputePool.serial());
        List<DqnTrainingRecord> records = drive(agent, CARTPOLE, SMALL.warmup() - 1, 4);
        assertThat(records)
                .allMatch(r -> r.batchSeeds().isEmpty() && r.weightsBefore().equals(r.weightsAfter()));
        assertThat(agent.iterations()).isZero();
        assertThat(drive(agent, CARTPOLE, 1, 4).getFirst().batchSeeds()).hasSize(2);
    }

    @Test
    void copiesQIntoTargetEveryCGradientSteps() {
        DqnAgent agent = DqnAgent.create(SMALL, 6, ComputePool.serial());
        Hash initial = agent.targetModel().hash();
        drive(agent, CARTPOLE, SMALL.warmup() - 1, 6);
        // Each block takes 2 gradient steps and C = 10: copies after blocks 5, 10, ...
        for (int block = 1; block <= 10; block++) {
            DqnTrainingRecord r = drive(agent, CARTPOLE, 1, 600 + block).getFirst();
            if (block % 5 == 0) {
                assertThat(r.targetAfter()).as("block %d", block).isEqualTo(r.weightsAfter());
            } else {
                assertThat(r.targetAfter()).as("block %d", block).isNotEqualTo(r.weightsAfter());
            }
            if (block < 5) {
                assertThat(r.targetAfter()).isEqualTo(initial);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TdLoss.class)
    void gradientStepsLowerTdLossOnFixedBatch(TdLoss loss) {
        // With a frozen target (C larger than the run), repeated steps fit Q to the targets.
        DqnHyperparameters hp = new DqnHyperparameters(
                DqnHyperparameters.mlp(4, 32, 2),
                new EpsilonSchedule(1f, 1f, 0),
                0.9f,
                Optimizer.Adam.of(1e-2f),
                64,
                64,
                1_000_000,
                1,
                64,
                loss);
        DqnAgent agent = DqnAgent.create(hp, 8, ComputePool.serial());
        drive(agent, CARTPOLE, 64, 8);
        ReplayBuffer.Batch probe = ReplayBuffer.Batch.of(64, 4);
        long batchSeed = SplitMix64.derive(42, 0).nextLong();
        double first = agent.tdLoss(batchSeed, probe);
        for (int i = 0; i < 300; i++) {
            agent.train(42);
        }
        assertThat(agent.tdLoss(batchSeed, probe)).isLessThan(first * 0.05);
    }

    @Test
    void storingExtraTransitionsLeavesExplorationClock() {
        DqnAgent agent = DqnAgent.create(SMALL, 12, ComputePool.serial());
        EnvState s = CARTPOLE.reset(1);
        Transition t = Transition.of(s, 0, CARTPOLE.step(s, 0, new SplitMix64(1)));
        agent.observe(t);
        agent.store(t);
        assertThat(agent.environmentSteps()).isEqualTo(1);
        assertThat(agent.replaySize()).isEqualTo(2);
        assertThatThrownBy(() -> agent.store(new Transition(s, 2, 0f, s, false)))
                .hasMessageContaining("outside");
    }

    @Test
    void greedyPicksHighestQValue() {
        DqnAgent agent = DqnAgent.create(SMALL, 11, ComputePool.serial());
        EnvState s = CARTPOLE.reset(1);
        float[] q = agent.qValues(s);
        assertThat(agent.greedy(s)).isEqualTo(q[1] > q[0] ? 1 : 0);
        assertThat(DqnAgent.argmax(new float[] {1f, 3f, 3f}, 0, 3)).isEqualTo(1);
    }

    @Test
    void rejectsNetworkThatDoesNotFitEnvironment() {
        assertThatThrownBy(() -> SMALL.checkFits(new GridWorld())).hasMessageContaining("forEnvironment");
        DqnHyperparameters.forEnvironment(new GridWorld()).checkFits(new GridWorld());
    }
}
