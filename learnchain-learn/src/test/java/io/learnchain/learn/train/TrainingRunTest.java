package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingRunTest {
    private static final ModelSpec SPEC = ModelSpec.parse("input 20 | dense 16 | relu | dense 4");
    private static final Dataset DATA = SyntheticData.make("train", new int[] {20}, 4, 400, 21);

    private static TrainingJob job(List<TrainingProgress> progress) {
        TrainingRecord rec = new TrainingRecord(new TrainingStart.FromSeed(5), Optimizer.Adam.of(0.01f), 16, 57, 11);
        return TrainingJob.of(SPEC, rec, DATA).withListener(new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                progress.add(p);
            }

            @Override
            public int interval() {
                return 10;
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 10, 56, 57, 1_000})
    void chunkedRunGivesTheSameModelAndProgressAsOneGo(long seed) {
        List<TrainingProgress> whole = new ArrayList<>();
        Model expected = new Trainer(ComputePool.serial()).train(job(whole));
        List<TrainingProgress> chunked = new ArrayList<>();
        TrainingRun run = new TrainingRun(ComputePool.serial(), job(chunked));
        SplitMix64 rng = new SplitMix64(seed);
        System.out.println("chunk seed " + seed);
        while (!run.isDone()) {
            long before = run.step();
            long done = run.advance(1 + rng.nextLong(seed));
            assertThat(run.step()).isEqualTo(before + done);
        }
        assertThat(run.model().hash()).isEqualTo(expected.hash());
        assertThat(chunked).isEqualTo(whole);
    }

    @Test
    void refusesTheModelBeforeTheLastStep() {
        TrainingRun run = new TrainingRun(ComputePool.serial(), job(new ArrayList<>()));
        run.advance(56);
        assertThatThrownBy(run::model).isInstanceOf(IllegalStateException.class).hasMessageContaining("56 of 57");
        assertThat(run.advance(5)).isEqualTo(1);
        assertThat(run.isDone()).isTrue();
        assertThatThrownBy(() -> run.advance(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
