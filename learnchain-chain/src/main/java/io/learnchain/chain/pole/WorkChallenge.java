package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetShards;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the chain asks of a pole block's work once its shard is revealed (PROTOCOL.md 3.7): which
 * segments every verifying node replays, and which training samples the minimum-accuracy check
 * reads. Both come from the challenge seed H(domain, commitment id, reveal transaction hash): the
 * miner's commitment (and with it every checkpoint leaf) is fixed before the requester signs the
 * reveal, so the miner cannot know at commitment time which segments will be replayed.
 */
public final class WorkChallenge {
    /** Segments replayed per block (all of them when the record has fewer): 3 of 64, 4.7% of the training. */
    public static final int SEGMENTS = 3;
    /** Training samples the minimum-accuracy check evaluates (all of them when the set is smaller). */
    public static final int ACCURACY_SAMPLE = 1024;

    private static final byte[] DOMAIN = "learnchain/work-challenge/v1".getBytes(StandardCharsets.US_ASCII);

    private WorkChallenge() {}

    /** The challenge seed of a commitment and the reveal that closed its round. */
    public static Hash seed(Hash commitmentId, Hash revealTxHash) {
        return Hash.sha256(new CanonicalWriter(DOMAIN.length + 64)
                .raw(DOMAIN)
                .hash(commitmentId)
                .hash(revealTxHash)
                .toByteArray());
    }

    /** How many segments a record of {@code segments} segments has challenged. */
    public static int count(int segments) {
        return Math.min(SEGMENTS, segments);
    }

    /** The challenged segments, distinct and increasing, drawn uniformly from [0, segments). */
    public static int[] segments(Hash seed, int segments) {
        int[] chosen =
                partialShuffle(DatasetShards.identity(segments), count(segments), new SplitMix64(seed.firstLongLE()));
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * The chain-chosen sample of a training set the minimum-accuracy check reads: {@link
     * #ACCURACY_SAMPLE} samples without replacement, or the whole set.
     */
    public static Dataset accuracySample(Hash seed, Dataset data) {
        return sample(seed, data, ACCURACY_SAMPLE);
    }

    /** {@code n} samples of {@code data} without replacement, in index order, chosen by {@code seed}; or all of it. */
    public static Dataset sample(Hash seed, Dataset data, int n) {
        if (data.count() <= n) {
            return data;
        }
        int[] chosen =
                partialShuffle(DatasetShards.identity(data.count()), n, SplitMix64.derive(seed.firstLongLE(), 1));
        Arrays.sort(chosen);
        return DatasetShards.select(data, chosen, data.name() + "/sample");
    }

    /** The first {@code n} entries of a Fisher-Yates shuffle of {@code values} (shuffled in place). */
    private static int[] partialShuffle(int[] values, int n, SplitMix64 rng) {
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(values.length - i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return Arrays.copyOf(values, n);
    }
}
