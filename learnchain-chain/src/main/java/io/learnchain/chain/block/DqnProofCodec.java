package io.learnchain.chain.block;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.EnvState;
import java.util.List;

/**
 * Binary form of a {@link DqnProof} inside a header (tag 3):
 * <pre>
 *   u32 action, i64 reward, i64 unshapedReward, u8 flags (bit 0 terminal, bit 1 done),
 *   bytes next state (u32 length + {@link EnvState#canonicalBytes()}), i64 forkScore,
 *   training record: hash weightsBefore, hash weightsAfter, hash targetAfter, i64 iterationBefore,
 *                    u32 count + i64 batch seeds
 * </pre>
 * Unknown flag bits, a terminal step that is not done, and a non-canonical state are rejected, so
 * each proof has one encoding.
 */
public final class DqnProofCodec implements Codec<DqnProof> {
    public static final DqnProofCodec INSTANCE = new DqnProofCodec();
    /** Largest observation a dqn block may carry. */
    public static final int MAX_OBSERVATION = 4096;
    /** Most batch seeds in one record (the learner's gradient steps per block are at most 64). */
    public static final int MAX_SEEDS = 64;

    private DqnProofCodec() {}

    @Override
    public void write(DqnProof p, CanonicalWriter out) {
        out.i32(p.action())
                .i64(p.reward())
                .i64(p.unshapedReward())
                .u8((p.terminal() ? 1 : 0) | (p.done() ? 2 : 0))
                .bytes(p.next().canonicalBytes())
                .i64(p.forkScore());
        DqnTrainingRecord r = p.record();
        out.hash(r.weightsBefore()).hash(r.weightsAfter()).hash(r.targetAfter()).i64(r.iterationBefore());
        out.list(r.batchSeeds(), (s, w) -> w.i64(s));
    }

    @Override
    public DqnProof read(CanonicalReader in) {
        int action = in.i32();
        long reward = in.i64();
        long unshaped = in.i64();
        int flags = in.u8();
        if ((flags & ~3) != 0 || flags == 1) {
            throw new CodecException("dqn proof flags " + flags + ": only bit 0 (terminal) and bit 1 (done) exist, "
                    + "and terminal implies done");
        }
        byte[] stateBytes = in.bytes(12 + 4 * MAX_OBSERVATION);
        EnvState next = in.guard(() -> EnvState.fromCanonicalBytes(stateBytes));
        long forkScore = in.i64();
        Hash before = in.hash();
        Hash after = in.hash();
        Hash target = in.hash();
        long iteration = in.i64();
        List<Long> seeds = in.list(MAX_SEEDS, 8, CanonicalReader::i64);
        DqnTrainingRecord record = in.guard(() -> new DqnTrainingRecord(before, after, target, iteration, seeds));
        return in.guard(() ->
                new DqnProof(action, reward, unshaped, (flags & 1) != 0, (flags & 2) != 0, next, forkScore, record));
    }
}
