package io.learnchain.chain.dqn;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.learn.compute.ComputePool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rebuilds proposers' {@link PublicLearner}s along the branches of one dqn chain and keeps the
 * most recently used (proposer, block) states, so a node advances each proposer's learner by one
 * block per height instead of replaying the chain. Each key's highest state is also kept apart
 * from the LRU (for {@value #PINNED_KEYS} keys), so blocks of many other keys cannot push an honest
 * proposer's learner out. A missing state is rebuilt from the nearest cached ancestor of the same
 * proposer, or from the genesis (a proposer never seen costs one
 * training step per block of the branch, what the proposer itself paid). Deterministic: a state is
 * a pure function of the chain, the key and the branch, so one cache may serve several nodes of a
 * simulation. Thread-safe (one lock).
 */
public final class LearnerCache {
    /** A node's default: room for 32 heights of 8 proposers. */
    public static final int DEFAULT_ENTRIES = 256;

    private final DqnParameters params;
    private final Hash chainId;
    private final ComputePool pool;
    private final Map<Key, PublicLearner> states;
    /** Each key's highest state, kept apart from the LRU: a flood of blocks cannot evict it. */
    private final Map<PublicKey, Latest> latest;

    private long advancedBlocks;

    private record Key(PublicKey proposer, Hash block) {}

    private record Latest(Hash block, PublicLearner learner) {}

    /** How many keys keep their highest state apart from the LRU. */
    public static final int PINNED_KEYS = 1024;

    public LearnerCache(DqnParameters params, Hash chainId, ComputePool pool, int entries) {
        this.params = Objects.requireNonNull(params, "params");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.pool = Objects.requireNonNull(pool, "pool");
        if (entries < 1) {
            throw new IllegalArgumentException("a learner cache holds at least 1 state, got " + entries);
        }
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PublicLearner> eldest) {
                return size() > entries;
            }
        };
        this.latest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PublicKey, Latest> eldest) {
                return size() > PINNED_KEYS;
            }
        };
    }

    /** Blocks learners were advanced over so far (each a training step per proposer): the cache's work. */
    public synchronized long advancedBlocks() {
        return advancedBlocks;
    }

    /** The learners of the branches whose headers {@code headers} finds (by hash; the genesis is the chain id). */
    public DqnLearners over(Function<Hash, Optional<BlockHeader>> headers) {
        Objects.requireNonNull(headers, "headers");
        return (parent, proposer) -> work(parent, proposer, headers);
    }

    /** A copy of {@code proposer}'s learner at {@code block}, or empty when a block of its branch is missing. */
    public synchronized Optional<PublicLearner> learner(
            Hash block, PublicKey proposer, Function<Hash, Optional<BlockHeader>> headers) {
        return at(block, proposer, headers).map(PublicLearner::copy);
    }

    private synchronized Optional<DqnLearners.Work> work(
            Hash parent, PublicKey proposer, Function<Hash, Optional<BlockHeader>> headers) {
        return at(parent, proposer, headers).map(l -> new DqnLearners.Work(l.record(), l.action()));
    }

    /** A state held for {@code proposer} at {@code block}: in the LRU, or its pinned highest one. */
    private PublicLearner cached(PublicKey proposer, Hash block) {
        PublicLearner known = states.get(new Key(proposer, block));
        if (known == null) {
            Latest pinned = latest.get(proposer);
            known = pinned != null && pinned.block().equals(block) ? pinned.learner() : null;
        }
        return known;
    }

    private Optional<PublicLearner> at(Hash block, PublicKey proposer, Function<Hash, Optional<BlockHeader>> headers) {
        PublicLearner cached = cached(proposer, block);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<DqnProof> path = new ArrayList<>(); // the branch's steps above the state found, newest first
        Hash cursor = block;
        PublicLearner start;
        while (true) {
            PublicLearner known = cached(proposer, cursor);
            if (known != null) {
                start = known.copy();
                break;
            }
            if (cursor.equals(chainId)) {
                start = PublicLearner.atGenesis(params, chainId, proposer, pool);
                states.put(new Key(proposer, chainId), start.copy());
                break;
            }
            Optional<BlockHeader> header = headers.apply(cursor);
            if (header.isEmpty() || !(header.get().proof() instanceof DqnProof p)) {
                return Optional.empty();
            }
            path.add(p);
            cursor = header.get().previous();
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            start.advance(path.get(i));
            advancedBlocks++;
        }
        states.put(new Key(proposer, block), start);
        Latest pinned = latest.get(proposer);
        if (pinned == null || pinned.learner().height() < start.height()) {
            latest.put(proposer, new Latest(block, start));
        }
        return Optional.of(start);
    }
}
