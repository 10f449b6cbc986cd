package io.learnchain.base.codec;

import io.learnchain.base.rng.SplitMix64;
import java.util.Arrays;

/** Seeded byte mutations for decoder robustness tests: flips, overwrites, truncation, insertion, length bombs. */
public final class Mutations {
    private Mutations() {}

    public static byte[] mutate(byte[] good, SplitMix64 rng) {
        byte[] b = good.clone();
        int kind = rng.nextInt(6);
        switch (kind) {
            case 0 -> b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
            case 1 -> b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, rng.nextInt(b.length));
            case 3 -> {
                int at = rng.nextInt(b.length + 1);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) rng.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                b = out;
            }
            case 4 -> {
                int at = rng.nextInt(Math.max(1, b.length - 3));
                long v = rng.nextInt(4) == 0 ? 0xFFFFFFFFL : rng.nextLong();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >>> (8 * i));
                }
            }
            default -> {
                int n = 1 + rng.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
                }
            }
        }
        return b;
    }
}
