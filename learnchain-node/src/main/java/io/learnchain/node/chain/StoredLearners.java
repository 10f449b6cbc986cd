package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.dqn.LearnerCache;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.storage.ChainStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dqn proposers' public learners of a stored chain, for validation that walks the store
 * (verify, reindex): a {@link LearnerCache} reading headers from the store. {@link DqnLearners#NONE}
 * on a chain of another engine.
 */
final class StoredLearners {
    private StoredLearners() {}

    static DqnLearners of(Genesis genesis, ChainStore store, ComputePool pool) {
        return genesis.dqn()
                .map(p ->
                        new LearnerCache(p, genesis.chainId(), pool, LearnerCache.DEFAULT_ENTRIES).over(headers(store)))
                .orElse(DqnLearners.NONE);
    }

    /** Headers by hash from {@code store}'s block bytes (empty when absent or unreadable). */
    static Function<Hash, Optional<BlockHeader>> headers(ChainStore store) {
        return hash -> {
            try {
                return store.block(hash)
                        .map(bytes -> BlockCodec.BLOCK.decode(bytes).header());
            } catch (RuntimeException e) {
                return Optional.empty(); // the caller's own read of that block reports the damage
            }
        };
    }
}
