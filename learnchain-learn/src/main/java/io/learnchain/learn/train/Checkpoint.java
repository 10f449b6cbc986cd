package io.learnchain.learn.train;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.learn.model.FloatDigest;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The whole state of a training run between two steps: the step count, the parameters (as a model,
 * -0.0 normalised to +0.0 as {@link TrainingRun#checkpoint()} leaves them) and the optimizer state
 * (raw float bits). Resuming from it ({@link TrainingRun#resume}) continues bit for bit.
 *
 * <p>Its {@link #leaf()} is what a work commitment holds: SHA-256 of ASCII
 * {@code learnchain/checkpoint/v1}, i64 step, the model hash and the SHA-256 of the optimizer
 * state's little-endian float bits. Its {@link #bytes()} are what a miner publishes to open it:
 * magic {@code LCCK1}, i64 step, the model's canonical bytes (length-prefixed), then the state
 * floats (count-prefixed).
 */
public final class Checkpoint {
    private static final byte[] LEAF_DOMAIN = "learnchain/checkpoint/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC = "LCCK1".getBytes(StandardCharsets.US_ASCII);

    private final long step;
    private final Model model;
    private final float[] state;
    private Hash stateHash;
    private Hash leaf;

    /** Copies {@code state}. */
    public Checkpoint(long step, Model model, float[] state) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        if (step < 0) {
            throw new IllegalArgumentException("a checkpoint's step cannot be negative, got " + step);
        }
        this.step = step;
        this.state = state.clone();
    }

    public long step() {
        return step;
    }

    public Model model() {
        return model;
    }

    /** The number of optimizer state floats. */
    public int stateSize() {
        return state.length;
    }

    /** Copies the optimizer state into {@code dst} from offset 0. */
    public void copyState(float[] dst) {
        System.arraycopy(state, 0, dst, 0, state.length);
    }

    /** The state a record starts in: {@code start} at step 0 with all optimizer slots zero. */
    public static Checkpoint start(Model start, Optimizer optimizer) {
        return new Checkpoint(0, start, new float[optimizer.stateSlots() * start.parameterCount()]);
    }

    /** A copy of the optimizer state. */
    public float[] state() {
        return state.clone();
    }

    /** SHA-256 of the optimizer state's raw little-endian float bits (computed once). */
    public Hash stateHash() {
        Hash h = stateHash;
        if (h == null) {
            h = stateHash(state);
            stateHash = h;
        }
        return h;
    }

    /** SHA-256 of the state's little-endian float bits, streamed (no copy of the state). */
    public static Hash stateHash(float[] state) {
        MessageDigest md = Hash.newDigest();
        FloatDigest.update(md, state);
        return Hash.ofDigest(md);
    }

    /** {@link #stateHash} of {@code floats} zeros (a record's starting optimizer state), without allocating them. */
    public static Hash zeroStateHash(long floats) {
        MessageDigest md = Hash.newDigest();
        FloatDigest.updateZeros(md, floats);
        return Hash.ofDigest(md);
    }

    /** The hash a work commitment holds for this checkpoint (computed once). */
    public Hash leaf() {
        Hash h = leaf;
        if (h == null) {
            h = leaf(step, model.hash(), stateHash());
            leaf = h;
        }
        return h;
    }

    public static Hash leaf(long step, Hash modelHash, Hash stateHash) {
        return Hash.sha256(new CanonicalWriter(LEAF_DOMAIN.length + 72)
                .raw(LEAF_DOMAIN)
                .i64(step)
                .hash(modelHash)
                .hash(stateHash)
                .toByteArray());
    }

    /** The bytes a miner publishes to open this checkpoint. */
    public byte[] bytes() {
        byte[] model = this.model.canonicalBytes();
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 8 + 4 + model.length + 4 + 4 * state.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putLong(step).putInt(model.length).put(model).putInt(state.length);
        for (float f : state) {
            buf.putInt(Float.floatToRawIntBits(f));
        }
        return buf.array();
    }

    /**
     * Decodes published checkpoint bytes for a model of {@code spec} trained by {@code optimizer};
     * throws {@link CodecException} saying what is wrong.
     */
    public static Checkpoint decode(byte[] bytes, ModelSpec spec, Optimizer optimizer) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[MAGIC.length];
            buf.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CodecException("not a checkpoint (bad magic)");
            }
            long step = buf.getLong();
            int modelLength = buf.getInt();
            if (modelLength < 0 || modelLength > buf.remaining()) {
                throw new CodecException("checkpoint model length " + modelLength + " overruns the bytes");
            }
            byte[] modelBytes = new byte[modelLength];
            buf.get(modelBytes);
            Model model = Model.fromCanonicalBytes(modelBytes);
            if (!model.spec().equals(spec)) {
                throw new CodecException("checkpoint model is " + model.spec() + ", the task trains " + spec);
            }
            int count = buf.getInt();
            int expected = optimizer.stateSlots() * model.parameterCount();
            if (count != expected || buf.remaining() != 4 * count) {
                throw new CodecException("checkpoint optimizer state has " + count
                        + " floats, the record's optimizer keeps " + expected);
            }
            int stateAt = buf.position();
            float[] state = new float[count];
            buf.asFloatBuffer().get(state);
            Checkpoint c = new Checkpoint(step, model, state);
            // the opened bytes are the state's canonical bits: hash them as they are
            MessageDigest md = Hash.newDigest();
            md.update(bytes, stateAt, 4 * count);
            c.stateHash = Hash.ofDigest(md);
            return c;
        } catch (java.nio.BufferUnderflowException e) {
            throw new CodecException("checkpoint bytes end early");
        } catch (IllegalArgumentException e) {
            throw new CodecException("checkpoint: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && c.step == step
                && c.model.equals(model)
                && c.stateHash().equals(stateHash());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + model.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[step " + step + ", model " + model.hash().shortHex() + "]";
    }
}
