package io.learnchain.chain.tx;

import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;

/**
 * Binary form of a training record inside a pole header:
 * <pre>
 *   u8 start (0 seed: i64 seed | 1 parent: hash model),
 *   u8 optimizer (0 sgd: f32 lr, f32 momentum | 1 adam: f32 lr, f32 beta1, f32 beta2, f32 epsilon),
 *   u32 batch, i64 steps, i64 dataOrderSeed
 * </pre>
 * Floats are their IEEE bits, little-endian; -0.0 is refused so each record has one encoding. The
 * record's own hash ({@link TrainingRecord#hash()}, over its canonical text) is what is committed.
 */
public final class TrainingRecordCodec implements Codec<TrainingRecord> {
    public static final TrainingRecordCodec INSTANCE = new TrainingRecordCodec();

    private TrainingRecordCodec() {}

    @Override
    public void write(TrainingRecord r, CanonicalWriter out) {
        switch (r.start()) {
            case TrainingStart.FromSeed s -> out.u8(0).i64(s.seed());
            case TrainingStart.FromParent p -> out.u8(1).hash(p.modelHash());
        }
        writeOptimizer(r.optimizer(), out);
        out.i32(r.batchSize()).i64(r.steps()).i64(r.dataOrderSeed());
    }

    @Override
    public TrainingRecord read(CanonicalReader in) {
        int startTag = in.u8();
        TrainingStart start = switch (startTag) {
            case 0 -> new TrainingStart.FromSeed(in.i64());
            case 1 -> new TrainingStart.FromParent(in.hash());
            default -> throw new CodecException("unknown training start " + startTag);
        };
        Optimizer optimizer = readOptimizer(in);
        int batch = in.i32();
        long steps = in.i64();
        long seed = in.i64();
        return in.guard(() -> new TrainingRecord(start, optimizer, batch, steps, seed));
    }

    /** The optimizer part of the encoding (also used by the dqn genesis parameters). */
    public static void writeOptimizer(Optimizer optimizer, CanonicalWriter out) {
        switch (optimizer) {
            case Optimizer.Sgd s -> out.u8(0).i32(bits(s.learningRate())).i32(bits(s.momentum()));
            case Optimizer.Adam a ->
                out.u8(1)
                        .i32(bits(a.learningRate()))
                        .i32(bits(a.beta1()))
                        .i32(bits(a.beta2()))
                        .i32(bits(a.epsilon()));
        }
    }

    public static Optimizer readOptimizer(CanonicalReader in) {
        int optTag = in.u8();
        return switch (optTag) {
            case 0 -> {
                float lr = f32(in);
                float momentum = f32(in);
                yield in.guard(() -> new Optimizer.Sgd(lr, momentum));
            }
            case 1 -> {
                float lr = f32(in);
                float b1 = f32(in);
                float b2 = f32(in);
                float eps = f32(in);
                yield in.guard(() -> new Optimizer.Adam(lr, b1, b2, eps));
            }
            default -> throw new CodecException("unknown optimizer " + optTag);
        };
    }

    public static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    /** A finite float that is not -0.0 (one encoding per value). */
    public static float f32(CanonicalReader in) {
        int b = in.i32();
        if (b == 0x80000000) {
            throw new CodecException("-0.0 is not a canonical float in a training record");
        }
        float f = Float.intBitsToFloat(b);
        if (!Float.isFinite(f)) {
            throw new CodecException("a training record float must be finite, got " + f);
        }
        return f;
    }
}
