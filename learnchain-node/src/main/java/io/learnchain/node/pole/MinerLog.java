package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.node.event.PoleEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A miner's recent history for the API: its last actions (the pole events of its node) and, per
 * round it sent a candidate in, whether it won and, if not, why (the rejection reason its node
 * gave, or the block that beat it). Fed by the node's event consumer; read from any thread.
 */
public final class MinerLog {
    /** One thing the node's roles did, at {@code timeMillis}. */
    public record Action(long timeMillis, Map<String, Object> fields) {}

    /** A round this miner sent a candidate in. {@code reason} is null for a win. */
    public record Outcome(long timeMillis, Hash parent, Hash block, long claimedScore, boolean won, String reason) {}

    private final int capacity;
    private final LongSupplier clock;
    private final Deque<Action> actions = new ArrayDeque<>();
    private final Deque<Outcome> outcomes = new ArrayDeque<>();
    private final Map<Hash, PoleEvent.CandidateSent> pending = new HashMap<>();
    private final Map<Hash, String> rejections = new HashMap<>();
    private long wins;
    private long losses;

    public MinerLog(int capacity, LongSupplier clockMillis) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a miner log keeps at least one entry, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = clockMillis;
    }

    public synchronized void record(PoleEvent event) {
        long now = clock.getAsLong();
        add(actions, new Action(now, PoleEventFields.of(event)));
        if (event instanceof PoleEvent.CandidateSent c) {
            pending.put(c.parent(), c);
        } else if (event instanceof PoleEvent.Rejected r) {
            rejections.put(r.block(), r.reason().name());
        } else if (event instanceof PoleEvent.RoundDecided d) {
            decided(now, d);
        }
    }

    private void decided(long now, PoleEvent.RoundDecided d) {
        PoleEvent.CandidateSent mine = pending.remove(d.parent());
        if (mine == null) {
            return;
        }
        boolean won = d.winner().equals(Optional.of(mine.block()));
        String reason = won
                ? null
                : rejections.containsKey(mine.block())
                        ? "rejected: " + rejections.remove(mine.block())
                        : d.winner()
                                .map(w -> "outscored by block " + w.toHex())
                                .orElse("no candidate won here: none valid, or their models had not arrived");
        if (won) {
            wins++;
        } else {
            losses++;
        }
        add(outcomes, new Outcome(now, d.parent(), mine.block(), mine.claimedScore(), won, reason));
        if (rejections.size() > 4 * capacity) {
            rejections.clear();
        }
    }

    private <T> void add(Deque<T> deque, T item) {
        deque.addLast(item);
        while (deque.size() > capacity) {
            deque.removeFirst();
        }
    }

    public synchronized long wins() {
        return wins;
    }

    public synchronized long losses() {
        return losses;
    }

    /** The last {@code n} actions, newest first. */
    public synchronized List<Action> actions(int n) {
        return newest(actions, n);
    }

    /** The last {@code n} outcomes, newest first. */
    public synchronized List<Outcome> outcomes(int n) {
        return newest(outcomes, n);
    }

    private static <T> List<T> newest(Deque<T> deque, int n) {
        List<T> out = new ArrayList<>(Math.min(n, deque.size()));
        var it = deque.descendingIterator();
        while (it.hasNext() && out.size() < n) {
            out.add(it.next());
        }
        return out;
    }
}
