package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import java.nio.file.Path;

/** The chain store on RocksDB: every {@link #commit} is one WriteBatch written with sync=true. */
public final class RocksDbChainStore extends KeyValueChainStore {

    private RocksDbChainStore(KeyValueStore kv, Hash chainId) {
        super(kv, chainId);
    }

    /**
     * Opens (creating if needed) the chain database under {@code path} for chain {@code chainId}.
     *
     * @throws StoreCorruptedException when the database is damaged or inconsistent
     */
    public static RocksDbChainStore open(Path path, Hash chainId) {
        return new RocksDbChainStore(RocksDbKeyValueStore.open(path), chainId);
    }

    /** Over an already opened key-value store (tests that inject faults wrap one). */
    public static RocksDbChainStore over(KeyValueStore kv, Hash chainId) {
        return new RocksDbChainStore(kv, chainId);
    }
}
