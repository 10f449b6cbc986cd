package io.learnchain.node.storage;

import io.learnchain.base.Hash;

/** The in-memory twin of {@link RocksDbChainStore}: same layout and checks, nothing on disk. */
public final class InMemoryChainStore extends KeyValueChainStore {

    private InMemoryChainStore(KeyValueStore kv, Hash chainId) {
        super(kv, chainId);
    }

    public static InMemoryChainStore create(Hash chainId) {
        return new InMemoryChainStore(new InMemoryKeyValueStore(), chainId);
    }

    /** Over a given key-value store: tests wrap one to record or fail writes. */
    public static InMemoryChainStore over(KeyValueStore kv, Hash chainId) {
        return new InMemoryChainStore(kv, chainId);
    }
}
