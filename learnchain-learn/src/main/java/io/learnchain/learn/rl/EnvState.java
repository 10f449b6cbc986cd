package io.learnchain.learn.rl;

import io.learnchain.base.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An environment state as the chain stores it: the observation (float32, finite, -0.0 stored as +0.0)
 * and the tick, the number of steps taken since the last reset (episodic tasks) or since the start
 * (non-episodic tasks). The observation is the whole state: stepping needs nothing else.
 *
 * <p>Canonical bytes, whose SHA-256 is the state hash: tick as int64 little-endian, the observation
 * length as uint32 little-endian, then every value as float32 little-endian.
 */
public record EnvState(float[] observation, long tick) {

    public EnvState {
        if (observation.length == 0 || observation.length > 1 << 16) {
            throw new IllegalArgumentException("an observation holds 1 to 65536 values, got " + observation.length);
        }
        if (tick < 0) {
            throw new IllegalArgumentException("tick must be >= 0, got " + tick);
        }
        float[] o = observation.clone();
        for (int i = 0; i < o.length; i++) {
            if (!Float.isFinite(o[i])) {
                throw new IllegalArgumentException(
                        "observation value " + i + " is " + o[i] + ": environment states must be finite");
            }
            if (o[i] == 0f) {
                o[i] = 0f;
            }
        }
        observation = o;
    }

    /** A copy of the observation. */
    @Override
    public float[] observation() {
        return observation.clone();
    }

    public float value(int i) {
        return observation[i];
    }

    public int size() {
        return observation.length;
    }

    /** Copies the observation into {@code dst} at {@code offset}. */
    public void copyInto(float[] dst, int offset) {
        System.arraycopy(observation, 0, dst, offset, observation.length);
    }

    public byte[] canonicalBytes() {
        ByteBuffer buf = ByteBuffer.allocate(12 + 4 * observation.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(tick).putInt(observation.length);
        for (float v : observation) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    public Hash hash() {
        return Hash.sha256(canonicalBytes());
    }

    /** Decodes canonical bytes; rejects wrong lengths and non-canonical values. */
    public static EnvState fromCanonicalBytes(byte[] bytes) {
        if (bytes.length < 12) {
            throw new IllegalArgumentException("state bytes too short: " + bytes.length + " (need at least 12)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long tick = buf.getLong();
        int n = buf.getInt();
        if (n < 1 || n > 1 << 16 || buf.remaining() != 4L * n) {
            throw new IllegalArgumentException(
                    "state bytes: " + n + " values declared, " + buf.remaining() + " bytes follow");
        }
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
            o[i] = buf.getFloat();
            if (Float.floatToRawIntBits(o[i]) == 0x80000000) {
                throw new IllegalArgumentException("state bytes: value " + i + " is -0.0, which is not canonical");
            }
        }
        return new EnvState(o, tick);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvState s && tick == s.tick && Arrays.equals(observation, s.observation);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(tick) + Arrays.hashCode(observation);
    }

    @Override
    public String toString() {
        return "EnvState[tick=" + tick + ", " + Arrays.toString(observation) + "]";
    }
}
