package io.learnchain.learn.model;

import io.learnchain.base.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An immutable trained (or initialised) model: a spec and its flat float32 parameter vector, tensors
 * in declared order ({@link ModelLayout#tensors()}). Every value is finite; -0.0 is stored as +0.0.
 *
 * <p>Canonical bytes, whose SHA-256 is the model hash: the spec text as UTF-8 preceded by its length
 * (uint32 little-endian), then every parameter as float32 little-endian, tensor after tensor. The
 * parameter count follows from the spec, so there is no further framing.
 */
public final class Model {
    private static final int MAX_SPEC_BYTES = 1 << 16;

    private final ModelSpec spec;
    private final float[] parameters;
    private Hash hash;

    /** Copies {@code parameters}; rejects a wrong length, NaN and infinities; normalises -0.0. */
    public Model(ModelSpec spec, float[] parameters) {
        this.spec = Objects.requireNonNull(spec, "spec");
        int expected = spec.layout().parameterCount();
        if (parameters.length != expected) {
            throw new IllegalArgumentException(
                    "model " + spec + " has " + expected + " parameters, got " + parameters.length);
        }
        float[] p = parameters.clone();
        for (int i = 0; i < p.length; i++) {
            float v = p[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("parameter " + i + " is " + v
                        + ": a model must be finite (training diverged: lower the learning rate)");
            }
            if (v == 0f) {
                p[i] = 0f;
            }
        }
        this.parameters = p;
    }

    public ModelSpec spec() {
        return spec;
    }

    public int parameterCount() {
        return parameters.length;
    }

    /** A copy of the flat parameter vector. */
    public float[] parameters() {
        return parameters.clone();
    }

    /** Copies the parameters into {@code dst} from offset 0. */
    public void copyParameters(float[] dst) {
        System.arraycopy(parameters, 0, dst, 0, parameters.length);
    }

    public float parameter(int i) {
        return parameters[i];
    }

    /** A copy of one tensor's values. */
    public float[] tensor(TensorSpec t) {
        float[] out = new float[t.size()];
        System.arraycopy(parameters, t.offset(), out, 0, out.length);
        return out;
    }

    public byte[] canonicalBytes() {
        byte[] text = spec.text().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf =
                ByteBuffer.allocate(4 + text.length + 4 * parameters.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(text.length).put(text);
        buf.asFloatBuffer().put(parameters);
        return buf.array();
    }

    /**
     * The hash a model of {@code spec} with {@code parameters} would have, streamed from the live
     * array without building the model or its bytes (a verifier's replay ends with this).
     * {@code parameters} must already be canonical: finite, no -0.0.
     */
    public static Hash hashOf(ModelSpec spec, float[] parameters) {
        byte[] text = spec.text().getBytes(StandardCharsets.UTF_8);
        MessageDigest md = Hash.newDigest();
        md.update(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(text.length)
                .array());
        md.update(text);
        FloatDigest.update(md, parameters);
        return Hash.ofDigest(md);
    }

    /** SHA-256 of the canonical bytes (streamed: the bytes are not built). */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = hashOf(spec, parameters);
            hash = h;
        }
        return h;
    }

    /**
     * Whether canonical model bytes hold a NaN or infinite parameter, scanned before decoding so a
     * verifier can name that reason; false for bytes whose lengths do not frame float32 parameters
     * (decoding rejects those with its own message).
     */
    public static boolean hasNonFiniteParameters(byte[] bytes) {
        if (bytes.length < 4) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long textLen = Integer.toUnsignedLong(buf.getInt());
        if (textLen > bytes.length - 4L || (bytes.length - 4L - textLen) % 4 != 0) {
            return false;
        }
        for (int off = 4 + (int) textLen; off < bytes.length; off += 4) {
            if (!Float.isFinite(buf.getFloat(off))) {
                return true;
            }
        }
        return false;
    }

    /** Decodes canonical bytes; rejects bad lengths, unknown specs, trailing bytes and non-finite or -0.0 values. */
    public static Model fromCanonicalBytes(byte[] bytes) {
        if (bytes.length < 4) {
            throw new IllegalArgumentException("model bytes too short: " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int textLen = buf.getInt();
        if (textLen < 0 || textLen > MAX_SPEC_BYTES || textLen > buf.remaining()) {
            throw new IllegalArgumentException("model bytes: spec length " + textLen + " is out of range");
        }
        byte[] text = new byte[textLen];
        buf.get(text);
        ModelSpec spec = ModelSpec.parse(new String(text, StandardCharsets.UTF_8));
        if (!spec.text().equals(new String(text, StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException(
                    "model bytes: spec text is not canonical, expected '" + spec.text() + "'");
        }
        int count = spec.layout().parameterCount();
        if (buf.remaining() != 4L * count) {
            throw new IllegalArgumentException(
                    "model bytes: spec needs " + 4L * count + " parameter bytes, got " + buf.remaining());
        }
        float[] p = new float[count];
        buf.asFloatBuffer().get(p);
        for (int i = 0; i < count; i++) {
            if (Float.floatToRawIntBits(p[i]) == 0x80000000) {
                throw new IllegalArgumentException("model bytes: parameter " + i + " is -0.0, which is not canonical");
            }
        }
        Model m = new Model(spec, p);
        m.hash = Hash.sha256(bytes); // canonical bytes: their hash is the model's, no re-encoding
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && hash().equals(m.hash());
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "Model[" + spec + ", " + parameters.length + " parameters, " + hash().shortHex() + "]";
    }
}
