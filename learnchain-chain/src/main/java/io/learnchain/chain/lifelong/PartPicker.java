package io.learnchain.chain.lifelong;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.rng.SplitMix64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which k of n test parts the chain picks (Dk of Dn): the first k of a Fisher-Yates shuffle of
 * 0..n-1 by {@code SplitMix64(firstLongLE(SHA-256("learnchain/lifelong-parts/v1" || including block
 * hash || i64 model id || i32 generation)))}, in increasing order. The including block's hash is the
 * next block's previous hash, so the pick is made at the start of that block (no circularity with
 * the including block's own state root).
 */
public final class PartPicker {
    private static final byte[] DOMAIN = "learnchain/lifelong-parts/v1".getBytes(StandardCharsets.UTF_8);

    private PartPicker() {}

    public static List<Integer> pick(Hash includingBlock, long modelId, int generation, int n, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("pick 1.." + n + " parts, not " + k);
        }
        CanonicalWriter w = new CanonicalWriter(80);
        w.raw(DOMAIN).hash(includingBlock).i64(modelId).i32(generation);
        SplitMix64 rng = new SplitMix64(Hash.sha256(w.toByteArray()).firstLongLE());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + (int) rng.nextLong(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        List<Integer> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(idx[i]);
        }
        Collections.sort(out);
        return out;
    }
}
