package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The chain store on RocksDB: every {@link #commit} is one WriteBatch written with sync=true. */
public final class RocksDbChainStore extends KeyValueChainStore {

    private RocksDbChainStore(KeyValueStore kv, Hash chainId, boolean checkTip) {
        super(kv, chainId, checkTip);
    }

    /**
     * Opens (creating if needed) the chain database under {@code path} for chain {@code chainId}.
     *
     * @throws StoreCorruptedException when the database is damaged or inconsistent
     */
    public static RocksDbChainStore open(Path path, Hash chainId) {
        return new RocksDbChainStore(openVerified(path), chainId, true);
    }

    /**
     * Opens the database for repair: schema and chain id are checked, the tip is not (it may be the
     * damaged part). Only a reindex should use a store opened this way.
     */
    public static RocksDbChainStore openForRepair(Path path, Hash chainId) {
        return new RocksDbChainStore(openVerified(path), chainId, false);
    }

    /** Opens the database and reads every table file through its checksums (damage at rest is refused at start). */
    private static RocksDbKeyValueStore openVerified(Path path) {
        RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(path);
        try {
            kv.verifyChecksums();
            return kv;
        } catch (StorageException e) {
            kv.close();
            throw e;
        }
    }

    /**
     * The bytes stored under the chain id in the database at {@code path} (the canonical genesis),
     * without opening it as a chain store; empty when there is no database there yet.
     */
    public static Optional<StoredGenesis> readGenesis(Path path) {
        if (!Files.exists(path.resolve("CURRENT"))) {
            return Optional.empty();
        }
        try (KeyValueStore kv = RocksDbKeyValueStore.open(path)) {
            if (kv.get(Column.META, KeyValueChainStore.TIP_KEY).isEmpty()
                    && !KeyValueChainStore.hasAny(kv, Column.BLOCKS)) {
                return Optional.empty(); // a first start stopped before genesis was written: no chain yet
            }
            byte[] id = kv.get(Column.META, KeyValueChainStore.CHAIN_ID_KEY)
                    .orElseThrow(() -> new StoreCorruptedException(path.toString(), "its chain id record is missing"));
            if (id.length != Hash.LENGTH) {
                throw new StoreCorruptedException(path.toString(), "its chain id record is damaged");
            }
            Hash chainId = Hash.of(id);
            byte[] bytes = kv.get(Column.BLOCKS, id)
                    .orElseThrow(() -> new StoreCorruptedException(path.toString(), "the genesis record is missing"));
            return Optional.of(new StoredGenesis(chainId, bytes));
        }
    }

    /** The chain id and canonical genesis bytes a database was created for. */
    public record StoredGenesis(Hash chainId, byte[] canonicalBytes) {}

    /** Over an already opened key-value store (tests that inject faults wrap one). */
    public static RocksDbChainStore over(KeyValueStore kv, Hash chainId) {
        return new RocksDbChainStore(kv, chainId, true);
    }
}
