package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory commitment log a node or simulation fills as messages arrive: {@link #record}
 * each verified commitment, {@link #reveal} when the round's shard is revealed on a parent. Not
 * thread-safe (the node confines it to its consensus thread). Only lookups by key, never
 * iteration, feed a verdict.
 */
public final class RoundCommitments implements CommitmentView {
    private final Map<Hash, Sighting> byId = new HashMap<>();
    private final Map<Hash, Map<Hash, PublicKey>> firstByParentAndModel = new HashMap<>();
    private final Map<Hash, Boolean> revealed = new HashMap<>();
    private long arrivals;

    /**
     * Records a commitment whose signature the caller checked. Returns false (and records nothing)
     * when the signature does not verify.
     */
    public boolean record(Commitment c, Signature signature) {
        if (!c.verify(signature)) {
            return false;
        }
        Hash id = c.id();
        if (byId.containsKey(id)) {
            return true;
        }
        if (revealed.getOrDefault(c.previous(), false)) {
            byId.put(id, new Sighting.AfterReveal());
            return true;
        }
        byId.put(id, new Sighting.BeforeReveal(arrivals++));
        firstByParentAndModel.computeIfAbsent(c.previous(), k -> new HashMap<>()).putIfAbsent(c.modelHash(), c.miner());
        return true;
    }

    /** The shard of the round on {@code previous} was revealed: later commitments for it are late. */
    public void reveal(Hash previous) {
        revealed.put(previous, true);
    }

    @Override
    public Sighting sighting(Commitment commitment) {
        return byId.getOrDefault(commitment.id(), new Sighting.Unknown());
    }

    @Override
    public Optional<PublicKey> firstCommitterOf(Hash previous, Hash modelHash) {
        return Optional.ofNullable(firstByParentAndModel.getOrDefault(previous, Map.of()).get(modelHash));
    }
}
