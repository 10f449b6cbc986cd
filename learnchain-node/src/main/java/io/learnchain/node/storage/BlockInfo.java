package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import java.util.Objects;

/**
 * What the node records about every stored block, canonical or not: enough for fork choice
 * without decoding the block. {@code score} is the block's own score (0 for idle blocks);
 * {@code cumulativeScore} sums it from genesis.
 */
public record BlockInfo(
        Hash hash, Hash parent, Height height, long timestampSeconds, long score, long cumulativeScore) {
    private static final int VERSION = 1;

    public BlockInfo {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(height, "height");
        if (score < 0 || cumulativeScore < score) {
            throw new IllegalArgumentException("block " + hash.shortHex() + ": score " + score
                    + " and cumulative score " + cumulativeScore + " are inconsistent");
        }
    }

    byte[] encode() {
        return new CanonicalWriter(96)
                .u8(VERSION)
                .hash(hash)
                .hash(parent)
                .i64(height.value())
                .i64(timestampSeconds)
                .i64(score)
                .i64(cumulativeScore)
                .toByteArray();
    }

    static BlockInfo decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        BlockInfo info = in.guard(() -> {
            in.version(VERSION, "block info");
            return new BlockInfo(in.hash(), in.hash(), Height.of(in.i64()), in.i64(), in.i64(), in.i64());
        });
        in.expectEnd();
        return info;
    }
}
