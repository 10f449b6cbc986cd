package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.WorldState;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.StoreCorruptedException;

/**
 * How the chain store keeps the lifelong registry: its canonical bytes ({@link LifelongBook#write})
 * after every connected block once it is not empty, under the block's hash in the meta column. The
 * registry holds tens of models, so a copy per block is cheap, and a restart (the tip's copy) or a
 * reorganisation (the fork point's copy) needs no undo records for it. No copy means empty.
 */
final class LifelongSnapshots {
    private LifelongSnapshots() {}

    static void write(ChainUpdate update, Hash block, WorldState after) {
        if (after.lifelong().isEmpty()) {
            return;
        }
        CanonicalWriter out = new CanonicalWriter(1024);
        after.lifelong().write(out);
        update.putLifelongBook(block, out.toByteArray());
    }

    static LifelongBook load(ChainStore store, Hash block) {
        return store.lifelongBook(block)
                .map(bytes -> {
                    try {
                        CanonicalReader in = new CanonicalReader(bytes);
                        LifelongBook book = LifelongBook.read(in);
                        in.expectEnd();
                        return book;
                    } catch (CodecException | IllegalArgumentException e) {
                        throw new StoreCorruptedException(
                                store.location(),
                                "the lifelong registry after block " + block.toHex() + " is unreadable ("
                                        + e.getMessage() + "); run learnchain chain reindex");
                    }
                })
                .orElse(LifelongBook.EMPTY);
    }
}
