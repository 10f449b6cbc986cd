package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.CommitmentView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory commitment log a node or simulation fills as messages arrive: {@link #record}
 * each verified commitment, {@link #reveal} when the round's shard is revealed on a parent, and
 * {@link #pruneBelow} the rounds far behind the tip so memory stays bounded. Not thread-safe (the
 * node confines it to its consensus thread). Only lookups by key, never iteration, feed a verdict.
 */
public final class RoundCommitments implements CommitmentView {
    /** Reveals remembered at most (a reveal is only kept for a requester-signed round, a few per block). */
    static final int MAX_REVEALS = 4_096;

    private final Map<Hash, Sighting> byId = new HashMap<>();
    private final Map<Hash, Map<Hash, PublicKey>> firstByParentAndModel = new HashMap<>();
    private final Map<Hash, Boolean> revealed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > MAX_REVEALS;
        }
    };
    /** Round height (the height of the block a commitment is for) to the parents committed on at it. */
    private final TreeMap<Long, Set<Hash>> parentsByHeight = new TreeMap<>();

    private final Map<Hash, List<Hash>> idsByParent = new HashMap<>();
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
        parentsByHeight
                .computeIfAbsent(c.height().value(), k -> new HashSet<>())
                .add(c.previous());
        idsByParent.computeIfAbsent(c.previous(), k -> new ArrayList<>()).add(id);
        if (revealed.getOrDefault(c.previous(), false)) {
            byId.put(id, new Sighting.AfterReveal());
            return true;
        }
        byId.put(id, new Sighting.BeforeReveal(arrivals++));
        firstByParentAndModel
                .computeIfAbsent(c.previous(), k -> new HashMap<>())
                .putIfAbsent(c.modelHash(), c.miner());
        return true;
    }

    /** The shard of the round on {@code previous} was revealed: later commitments for it are late. */
    public void reveal(Hash previous) {
        revealed.put(previous, true);
    }

    /**
     * Forgets every round for a block below {@code height}: its commitments, first committers and
     * reveal. A block of such a round judged later finds no commitment (NO_COMMITMENT, a local
     * reason), so keep at least the reorganisation depth the node allows behind its tip. Returns
     * the number of commitments forgotten.
     */
    public int pruneBelow(long height) {
        int dropped = 0;
        var old = parentsByHeight.headMap(height, false);
        for (Set<Hash> parents : old.values()) {
            for (Hash parent : parents) {
                List<Hash> ids = idsByParent.remove(parent);
                if (ids != null) {
                    ids.forEach(byId::remove);
                    dropped += ids.size();
                }
                firstByParentAndModel.remove(parent);
                revealed.remove(parent);
            }
        }
        old.clear();
        return dropped;
    }

    /** Commitments held now (tests, metrics). */
    public int size() {
        return byId.size();
    }

    @Override
    public Sighting sighting(Commitment commitment) {
        return byId.getOrDefault(commitment.id(), new Sighting.Unknown());
    }

    @Override
    public Optional<PublicKey> firstCommitterOf(Hash previous, Hash modelHash) {
        return Optional.ofNullable(
                firstByParentAndModel.getOrDefault(previous, Map.of()).get(modelHash));
    }
}
