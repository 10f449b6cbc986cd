package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.DqnHyperparameters.TdLoss;
import io.learnchain.learn.train.Optimizer;
import org.junit.jupiter.api.Test;

class ParallelLearningTest {
    private static final DqnHyperparameters SMALL = new DqnHyperparameters(
            DqnHyperparameters.mlp(4, 16, 2),
            new EpsilonSchedule(1f, 0.1f, 300),
            0.99f,
            Optimizer.Adam.of(1e-3f),
            500,
            16,
            20,
            1,
            32,
            TdLoss.HUBER);

    private static ParallelLearning.Config config(int learners, long seed) {
        return new ParallelLearning.Config(new CartPole(), SMALL, learners, 600, seed, 5, 195, 300, 2, false, false);
    }

    @Test
    void sameConfigGivesSameReturns() {
        ParallelLearning.Result a = ParallelLearning.run(config(2, 4), ComputePool.serial());
        ParallelLearning.Result b = ParallelLearning.run(config(2, 4), ComputePool.serial());
        assertThat(a).isEqualTo(b);
        assertThat(a.returns()).isNotEmpty();
        assertThat(ParallelLearning.run(config(2, 5), ComputePool.serial()).returns())
                .isNotEqualTo(a.returns());
    }

    @Test
    void moreLearnersProposingKeepThePoleUpLongerEarly() {
        // While exploring, fork choice over N proposals picks the better action whenever they differ:
        // the chain's episodes get longer with N even before anything is learned.
        double one = 0;
        double four = 0;
        for (long seed = 1; seed <= 3; seed++) {
            one += ParallelLearning.run(config(1, seed), ComputePool.serial()).lastAverage(100);
            four += ParallelLearning.run(config(4, seed), ComputePool.serial()).lastAverage(100);
        }
        assertThat(four).isGreaterThan(2 * one);
    }

    @Test
    void sharingLosingProposalsChangesWhatIsLearned() {
        ParallelLearning.Config plain = config(2, 4);
        ParallelLearning.Config shared = new ParallelLearning.Config(
                plain.env(),
                plain.hp(),
                2,
                plain.steps(),
                plain.seed(),
                plain.window(),
                plain.threshold(),
                plain.evaluateEvery(),
                plain.evaluationEpisodes(),
                false,
                true);
        ParallelLearning.Result a = ParallelLearning.run(shared, ComputePool.serial());
        assertThat(ParallelLearning.run(shared, ComputePool.serial())).isEqualTo(a);
        assertThat(a.returns())
                .isNotEqualTo(ParallelLearning.run(plain, ComputePool.serial()).returns());
    }

    @Test
    void rejectsNonEpisodicTaskAndMismatchedNetwork() {
        assertThatThrownBy(() -> new ParallelLearning.Config(
                        new InventoryControl(),
                        DqnHyperparameters.forEnvironment(new InventoryControl()),
                        1,
                        10,
                        1,
                        5,
                        1,
                        0,
                        1,
                        false,
                        false))
                .hasMessageContaining("no episodes");
        assertThatThrownBy(
                        () -> new ParallelLearning.Config(new GridWorld(), SMALL, 1, 10, 1, 5, 1, 0, 1, false, false))
                .hasMessageContaining("forEnvironment");
    }
}
