package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.WitnessedCommitment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The commitment log a node fills as messages arrive (PROTOCOL.md 3.3): {@link #record} each
 * verified commitment, {@link #reveal} when the round's shard is revealed on a parent, and
 * {@link #pruneBelow} the rounds far behind the tip so memory stays bounded. A requester signs
 * its reveal over {@link #witnessed}, the commitments of the round it received before revealing;
 * that list, not this log, is what the consensus rules read ({@link #sighting} is for diagnostics
 * and tests). Not thread-safe (the node confines it to its consensus thread).
 */
public final class RoundCommitments {
    /** Reveals remembered at most (a reveal is only kept for a requester-signed round, a few per block). */
    static final int MAX_REVEALS = 4_096;

    private final Map<Hash, Sighting> byId = new HashMap<>();
    private final Map<Hash, Boolean> revealed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > MAX_REVEALS;
        }
    };
    /** Round height (the height of the block a commitment is for) to the parents committed on at it. */
    private final TreeMap<Long, Set<Hash>> parentsByHeight = new TreeMap<>();

    /** Per parent, the commitments recorded (before or after its reveal: see {@link #byId}), in arrival order. */
    private final Map<Hash, List<Commitment>> byParent = new HashMap<>();

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
        byParent.computeIfAbsent(c.previous(), k -> new ArrayList<>()).add(c);
        byId.put(
                id,
                revealed.getOrDefault(c.previous(), false)
                        ? new Sighting.AfterReveal()
                        : new Sighting.BeforeReveal(arrivals++));
        return true;
    }

    /** The shard of the round on {@code previous} was revealed: later commitments for it are late. */
    public void reveal(Hash previous) {
        revealed.put(previous, true);
    }

    /**
     * Forgets every round for a block below {@code height}: its commitments, first committers and
     * reveal. Returns the number of commitments forgotten.
     */
    public int pruneBelow(long height) {
        int dropped = 0;
        var old = parentsByHeight.headMap(height, false);
        for (Set<Hash> parents : old.values()) {
            for (Hash parent : parents) {
                List<Commitment> listed = byParent.remove(parent);
                if (listed != null) {
                    listed.forEach(c -> byId.remove(c.id()));
                    dropped += listed.size();
                }
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

    /**
     * What a requester lists when it reveals the shard of the round on {@code previous} for
     * {@code taskId}: the commitments recorded before the reveal, in arrival order, at most
     * {@link RevealShard#MAX_WITNESSED} (the earliest).
     */
    public List<WitnessedCommitment> witnessed(Hash previous, long taskId) {
        return witnessed(previous, taskId, miner -> true);
    }

    /**
     * As {@link #witnessed(Hash, long)}, but when more commitments arrived than a reveal lists, those
     * of {@code preferred} miners come first (each group in arrival order): a requester's defence
     * against a flood of commitments under fresh keys (PROTOCOL.md 7).
     */
    public List<WitnessedCommitment> witnessed(Hash previous, long taskId, Predicate<PublicKey> preferred) {
        List<Commitment> all = byParent.getOrDefault(previous, List.of()).stream()
                .filter(c -> c.taskId() == taskId && byId.get(c.id()) instanceof Sighting.BeforeReveal)
                .toList();
        Stream<Commitment> chosen = all.size() <= RevealShard.MAX_WITNESSED
                ? all.stream()
                : Stream.concat(
                                all.stream().filter(c -> preferred.test(c.miner())),
                                all.stream().filter(c -> !preferred.test(c.miner())))
                        .limit(RevealShard.MAX_WITNESSED)
                        .sorted(Comparator.comparingInt(all::indexOf));
        return chosen.map(c -> new WitnessedCommitment(c.id(), c.modelHash())).toList();
    }

    /** How this node saw {@code commitment}: before or after its round's reveal, or never. */
    public Sighting sighting(Commitment commitment) {
        return byId.getOrDefault(commitment.id(), new Sighting.Unknown());
    }

    /** When a commitment reached this node. */
    public sealed interface Sighting {
        /** Received before the round's reveal; {@code order} counts arrivals (earlier is smaller). */
        record BeforeReveal(long order) implements Sighting {}

        /** Received only after the round's shard was revealed. */
        record AfterReveal() implements Sighting {}

        /** Never received. */
        record Unknown() implements Sighting {}
    }
}
