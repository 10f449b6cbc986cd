package io.learnchain.node.storage;

import io.learnchain.base.Bytes;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a block changed in the account state, as the values before it: applying the record in
 * reverse restores the state of the block's parent. Stored per block, used on reorganisations.
 */
public record UndoRecord(List<Change> changes) {
    private static final int VERSION = 1;
    private static final int MAX_CHANGES = 1 << 20;
    private static final int MAX_VALUE_BYTES = 1 << 16;

    /** One account key and its value before the block (empty: the key did not exist). */
    public record Change(Bytes key, Optional<Bytes> before) {
        public Change {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(before, "before");
        }
    }

    public UndoRecord {
        changes = List.copyOf(changes);
    }

    byte[] encode() {
        CanonicalWriter out = new CanonicalWriter().u8(VERSION);
        out.list(changes, (c, w) -> {
            w.bytes(c.key());
            w.bool(c.before().isPresent());
            c.before().ifPresent(w::bytes);
        });
        return out.toByteArray();
    }

    static UndoRecord decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.version(VERSION, "undo record");
        List<Change> changes = in.list(MAX_CHANGES, 5, r -> {
            Bytes key = r.bytesValue(MAX_VALUE_BYTES);
            Optional<Bytes> before = r.bool() ? Optional.of(r.bytesValue(MAX_VALUE_BYTES)) : Optional.empty();
            return new Change(key, before);
        });
        in.expectEnd();
        return new UndoRecord(changes);
    }
}
