package io.learnchain.node.mempool;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pending transactions, ordered by fee and nonce. Each sender's transactions form a queue by
 * nonce; a block takes, again and again, the highest-fee transaction among the senders' next
 * executable ones (ties: earlier arrival, then lower hash), so one sender's sequence is never
 * reordered and a high fee cannot jump its own sender's lower nonces. When full, the cheapest
 * transaction (and the later nonces of its sender that depend on it) makes room for a dearer one.
 * Thread-safe.
 */
public final class Mempool {
    private final MempoolConfig config;
    private final AdmissionRules rules;
    private final Map<Hash, PendingTx> byHash = new HashMap<>();
    private final NavigableMap<Address, NavigableMap<Long, PendingTx>> bySender = new TreeMap<>();
    private final TreeSet<PendingTx> byFee = new TreeSet<>(PendingTx.CHEAPEST_FIRST);
    private long arrivals;

    public Mempool(MempoolConfig config, AdmissionRules rules) {
        this.config = config;
        this.rules = rules;
    }

    /** Checks {@code tx} against the tip {@code state} and the pool, and keeps it if it passes. */
    public synchronized Admission add(SignedTransaction tx, WorldState state) {
        PendingTx entry = PendingTx.of(tx, arrivals);
        if (byHash.containsKey(entry.hash())) {
            return reject(
                    Admission.Reason.ALREADY_KNOWN,
                    "transaction " + entry.hash().toHex() + " is already pending");
        }
        NavigableMap<Long, PendingTx> queue = bySender.getOrDefault(entry.sender(), new TreeMap<>());
        Amount queuedBefore = queuedCost(queue, entry.nonce());
        Optional<Admission.Rejected> refused = rules.check(tx, state, queuedBefore, config);
        if (refused.isPresent()) {
            return refused.get();
        }
        PendingTx replaced = queue.get(entry.nonce());
        if (replaced != null && entry.fee().compareTo(replaced.fee()) <= 0) {
            return reject(
                    Admission.Reason.REPLACEMENT_UNDERPRICED,
                    "a transaction with nonce " + entry.nonce()
                            + " from " + entry.sender() + " is already pending with fee " + replaced.fee()
                            + "; to replace it, pay a higher fee");
        }
        if (replaced == null && queue.size() >= config.maxPerSender()) {
            return reject(
                    Admission.Reason.SENDER_LIMIT,
                    entry.sender() + " already has " + queue.size()
                            + " pending transactions (the limit); wait for some to be mined");
        }
        if (replaced == null && byHash.size() >= config.maxTransactions() && !evictCheaperThan(entry)) {
            return reject(
                    Admission.Reason.POOL_FULL,
                    "the mempool is full and its cheapest transaction pays at least " + entry.fee()
                            + "; offer a higher fee or retry later");
        }
        if (replaced != null) {
            remove(replaced);
        }
        insert(entry);
        arrivals++;
        return new Admission.Accepted(entry.hash());
    }

    private static Admission.Rejected reject(Admission.Reason reason, String message) {
        return new Admission.Rejected(reason, message);
    }

    private static Amount queuedCost(NavigableMap<Long, PendingTx> queue, long belowNonce) {
        Amount sum = Amount.ZERO;
        for (PendingTx p : queue.headMap(belowNonce, false).values()) {
            sum = sum.add(p.cost());
        }
        return sum;
    }

    private boolean evictCheaperThan(PendingTx incoming) {
        PendingTx cheapest = byFee.first();
        if (cheapest.fee().compareTo(incoming.fee()) >= 0) {
            return false;
        }
        NavigableMap<Long, PendingTx> queue = bySender.get(cheapest.sender());
        for (PendingTx dependent :
                List.copyOf(queue.tailMap(cheapest.nonce(), true).values())) {
            remove(dependent);
        }
        return true;
    }

    private void insert(PendingTx entry) {
        byHash.put(entry.hash(), entry);
        bySender.computeIfAbsent(entry.sender(), a -> new TreeMap<>()).put(entry.nonce(), entry);
        byFee.add(entry);
    }

    private void remove(PendingTx entry) {
        byHash.remove(entry.hash());
        byFee.remove(entry);
        NavigableMap<Long, PendingTx> queue = bySender.get(entry.sender());
        if (queue != null) {
            queue.remove(entry.nonce(), entry);
            if (queue.isEmpty()) {
                bySender.remove(entry.sender());
            }
        }
    }

    /**
     * The transactions for the next block on top of {@code state}, best first: at most
     * {@code maxCount}, each sender's in nonce order from its account nonce, none its sender cannot pay.
     */
    public synchronized List<SignedTransaction> select(WorldState state, int maxCount) {
        Comparator<PendingTx> best = Comparator.comparing(PendingTx::fee)
                .reversed()
                .thenComparingLong(PendingTx::arrival)
                .thenComparing(PendingTx::hash);
        PriorityQueue<PendingTx> heads = new PriorityQueue<>(best);
        Map<Address, Amount> spendable = new HashMap<>();
        for (Map.Entry<Address, NavigableMap<Long, PendingTx>> e : bySender.entrySet()) {
            PendingTx head = e.getValue().get(state.account(e.getKey()).nonce());
            if (head != null) {
                heads.add(head);
                spendable.put(e.getKey(), state.balance(e.getKey()));
            }
        }
        List<SignedTransaction> out = new ArrayList<>();
        while (!heads.isEmpty() && out.size() < maxCount) {
            PendingTx next = heads.poll();
            Amount left = spendable.get(next.sender());
            if (!left.isAtLeast(next.cost())) {
                continue;
            }
            spendable.put(next.sender(), left.subtract(next.cost()));
            out.add(next.tx());
            PendingTx following = bySender.get(next.sender()).get(next.nonce() + 1);
            if (following != null) {
                heads.add(following);
            }
        }
        return out;
    }

    /** Drops the transactions a connected block included. */
    public synchronized void removeIncluded(Collection<? extends Transaction> included) {
        for (Transaction tx : included) {
            PendingTx entry = byHash.get(tx.hash());
            if (entry != null) {
                remove(entry);
            }
        }
    }

    /** Drops transactions whose nonce the new tip {@code state} has already used. */
    public synchronized int prune(WorldState state) {
        List<PendingTx> stale = new ArrayList<>();
        for (Map.Entry<Address, NavigableMap<Long, PendingTx>> e : bySender.entrySet()) {
            stale.addAll(e.getValue()
                    .headMap(state.account(e.getKey()).nonce(), false)
                    .values());
        }
        stale.forEach(this::remove);
        return stale.size();
    }

    /** Puts back the transactions of abandoned blocks that still fit {@code state}; returns how many. */
    public int reinsert(List<SignedTransaction> abandoned, WorldState state) {
        int back = 0;
        for (SignedTransaction tx : abandoned) {
            if (add(tx, state) instanceof Admission.Accepted) {
                back++;
            }
        }
        return back;
    }

    public synchronized Optional<SignedTransaction> get(Hash hash) {
        return Optional.ofNullable(byHash.get(hash)).map(PendingTx::tx);
    }

    public synchronized boolean contains(Hash hash) {
        return byHash.containsKey(hash);
    }

    public synchronized int size() {
        return byHash.size();
    }

    /**
     * The nonce {@code sender}'s next transaction takes: the first after {@code confirmed} (its
     * account's nonce at the tip) that none of its pending transactions holds.
     */
    public synchronized long nextNonce(Address sender, long confirmed) {
        NavigableMap<Long, PendingTx> mine = bySender.get(sender);
        long next = confirmed;
        while (mine != null && mine.containsKey(next)) {
            next++;
        }
        return next;
    }

    /** Up to {@code limit} pending transactions, dearest first. */
    public synchronized List<SignedTransaction> pending(int limit) {
        return byFee.descendingSet().stream().limit(limit).map(PendingTx::tx).toList();
    }
}
