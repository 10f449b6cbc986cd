package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointedRunTest {
    private static final ModelSpec SPEC = ModelSpec.parse("input 20 | dense 16 | relu | dense 4");
    private static final Dataset DATA = SyntheticData.make("train", new int[] {20}, 4, 400, 21);

    private static TrainingJob job(long steps) {
        return TrainingJob.of(
                SPEC, new TrainingRecord(new TrainingStart.FromSeed(5), Optimizer.Adam.of(0.01f), 16, steps, 11), DATA);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 5, 63, 64, 65, 150})
    void segmentsTileTheRecordAndEveryOneReplaysFromItsOpenedCheckpoint(long steps) {
        CheckpointedRun run = CheckpointedRun.complete(ComputePool.serial(), job(steps));
        List<Checkpoint> cps = run.checkpoints();
        int k = WorkSegments.count(steps);
        assertThat(cps).hasSize(k + 1);
        assertThat(cps.getFirst().step()).isZero();
        assertThat(cps.getLast().step()).isEqualTo(steps);
        assertThat(cps.getLast().model().hash()).isEqualTo(run.model().hash());
        for (int j = 0; j < k; j++) {
            assertThat(cps.get(j + 1).step()).isGreaterThan(cps.get(j).step());
            // the verifier's side: decode the published bytes, resume, run to the next boundary
            Checkpoint opened = Checkpoint.decode(cps.get(j).bytes(), SPEC, Optimizer.Adam.of(0.01f));
            assertThat(opened.leaf()).isEqualTo(cps.get(j).leaf());
            TrainingRun resumed = TrainingRun.resume(ComputePool.serial(), job(steps), opened);
            resumed.advanceTo(WorkSegments.boundary(steps, j + 1));
            assertThat(resumed.checkpoint().leaf())
                    .as("segment %d", j)
                    .isEqualTo(cps.get(j + 1).leaf());
        }
    }

    @Test
    void oneRunRestartedAtEachOpenedCheckpointReachesEveryLeafAsAFreshResumeDoes() {
        long steps = 150;
        List<Checkpoint> cps =
                CheckpointedRun.complete(ComputePool.serial(), job(steps)).checkpoints();
        TrainingRun reused = null;
        // out of order and back again, as a verifier's challenged segments come
        for (int j : new int[] {40, 3, 63, 3, 0}) {
            Checkpoint opened = Checkpoint.decode(cps.get(j).bytes(), SPEC, Optimizer.Adam.of(0.01f));
            if (reused == null) {
                reused = TrainingRun.resume(ComputePool.serial(), job(steps), opened);
            } else {
                reused.restartFrom(opened);
            }
            reused.advanceTo(WorkSegments.boundary(steps, j + 1));
            assertThat(reused.checkpointLeaf())
                    .as("segment %d", j)
                    .isEqualTo(cps.get(j + 1).leaf());
            assertThat(reused.checkpoint().leaf()).isEqualTo(cps.get(j + 1).leaf());
        }
        // the streamed hashes are the model's and the state's
        assertThat(Model.hashOf(SPEC, cps.getLast().model().parameters()))
                .isEqualTo(cps.getLast().model().hash());
        assertThat(Model.hashOf(SPEC, cps.getLast().model().parameters()))
                .isEqualTo(Hash.sha256(cps.getLast().model().canonicalBytes()));
        assertThat(Checkpoint.zeroStateHash(1000)).isEqualTo(Checkpoint.stateHash(new float[1000]));
        assertThat(Checkpoint.zeroStateHash(40_000)).isEqualTo(Checkpoint.stateHash(new float[40_000]));
        assertThat(Checkpoint.decode(cps.get(7).bytes(), SPEC, Optimizer.Adam.of(0.01f))
                        .stateHash())
                .isEqualTo(cps.get(7).stateHash());
    }

    @Test
    void theCheckpointedModelIsTheOneTheTrainerGives() {
        Model plain = new Trainer(ComputePool.serial()).train(job(150));
        assertThat(CheckpointedRun.complete(ComputePool.serial(), job(150))
                        .model()
                        .hash())
                .isEqualTo(plain.hash());
    }

    @Test
    void aSubstitutedCheckpointDoesNotReplayToTheNextLeaf() {
        List<Checkpoint> cps =
                CheckpointedRun.complete(ComputePool.serial(), job(128)).checkpoints();
        Checkpoint forged = new Checkpoint(
                cps.get(10).step(), cps.get(40).model(), cps.get(10).state());
        TrainingRun resumed = TrainingRun.resume(ComputePool.serial(), job(128), forged);
        resumed.advanceTo(WorkSegments.boundary(128, 11));
        assertThat(resumed.checkpoint().leaf()).isNotEqualTo(cps.get(11).leaf());
    }

    @Test
    void damagedCheckpointBytesSayWhatIsWrong() {
        byte[] bytes = CheckpointedRun.complete(ComputePool.serial(), job(4))
                .checkpoints()
                .get(2)
                .bytes();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> Checkpoint.decode(cut, SPEC, Optimizer.Adam.of(0.01f)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("optimizer state");
        assertThatThrownBy(() -> Checkpoint.decode(bytes, SPEC, new Optimizer.Sgd(0.1f, 0f)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Checkpoint.decode(new byte[] {1, 2}, SPEC, Optimizer.Adam.of(0.01f)))
                .isInstanceOf(CodecException.class);
    }
}
