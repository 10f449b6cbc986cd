package io.learnchain.node.task;

import io.learnchain.base.Hash;
import io.learnchain.node.event.PoleEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this node saw of each round's candidates (from its pole events): per parent block, each
 * candidate with its miner and claimed score, the rejection reasons its selection gave, and the
 * block it chose. The chain keeps only the winners; this is the "why did the others lose" side
 * of the leaderboard. In memory, bounded to the last {@code capacity} rounds.
 */
public final class RoundBook {
    /** One candidate as this node saw it; {@code rejection} is the typed reason when it was judged invalid. */
    public record Seen(Hash block, String miner, long claimedScore, String rejection) {}

    private final int capacity;
    private final Map<Hash, Map<Hash, Seen>> rounds = new LinkedHashMap<>();
    private final Map<Hash, Hash> blockToParent = new HashMap<>();
    private final Map<Hash, Integer> evaluations = new HashMap<>();

    public RoundBook(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(PoleEvent event) {
        if (event instanceof PoleEvent.CandidateReceived c) {
            rounds.computeIfAbsent(c.parent(), k -> new LinkedHashMap<>())
                    .putIfAbsent(c.block(), new Seen(c.block(), c.miner(), c.claimedScore(), null));
            blockToParent.put(c.block(), c.parent());
            trim();
        } else if (event instanceof PoleEvent.Rejected r) {
            Hash parent = blockToParent.get(r.block());
            Map<Hash, Seen> round = parent == null ? null : rounds.get(parent);
            Seen seen = round == null ? null : round.get(r.block());
            if (seen != null) {
                round.put(
                        r.block(),
                        new Seen(
                                seen.block(),
                                seen.miner(),
                                seen.claimedScore(),
                                r.reason().name()));
            }
        } else if (event instanceof PoleEvent.RoundDecided d) {
            evaluations.put(d.parent(), d.evaluations());
        }
    }

    private void trim() {
        while (rounds.size() > capacity) {
            Hash oldest = rounds.keySet().iterator().next();
            rounds.remove(oldest).keySet().forEach(blockToParent::remove);
            evaluations.remove(oldest);
        }
    }

    /** The candidates this node saw for the round on {@code parent}, highest claim first. */
    public synchronized List<Seen> candidates(Hash parent) {
        List<Seen> list = new ArrayList<>(rounds.getOrDefault(parent, Map.of()).values());
        list.sort((a, b) -> Long.compare(b.claimedScore(), a.claimedScore()));
        return list;
    }

    /** How many candidates this node evaluated for the round on {@code parent}, if it decided it. */
    public synchronized Optional<Integer> evaluations(Hash parent) {
        return Optional.ofNullable(evaluations.get(parent));
    }
}
