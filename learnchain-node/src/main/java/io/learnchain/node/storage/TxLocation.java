package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import java.util.Objects;

/** Where a transaction sits in the canonical chain: block, height and position in the body. */
public record TxLocation(Hash blockHash, Height height, int index) {
    public TxLocation {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(height, "height");
        if (index < 0) {
            throw new IllegalArgumentException("a transaction index cannot be negative, got " + index);
        }
    }

    byte[] encode() {
        return new CanonicalWriter(44)
                .hash(blockHash)
                .i64(height.value())
                .i32(index)
                .toByteArray();
    }

    static TxLocation decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        TxLocation location = in.guard(() -> new TxLocation(in.hash(), Height.of(in.i64()), in.i32()));
        in.expectEnd();
        return location;
    }
}
