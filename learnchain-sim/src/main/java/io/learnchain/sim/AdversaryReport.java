package io.learnchain.sim;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.PoleNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's {@code adversaries} section: for each adversary node, what it did (commitments,
 * candidates, reveals it sent), how node 0 treated its candidates (rejected with which reason at
 * selection time), the verdict every one of them gets from the chain rules, as a node syncing
 * later would judge it (also those never evaluated because an honest candidate ranked first), and what it cost the adversary: rounds won, coins earned against the honest miners'
 * mean, training CPU.
 */
public final class AdversaryReport {
    /** Candidates judged per adversary at most (a false-claims flood repeats one verdict 50 times a round). */
    static final int MAX_JUDGED = 32;
    /** Claimed scores listed at most (in the order sent). */
    static final int MAX_CLAIMS_SHOWN = 10;

    private static final Amount PREMINE = Amount.ofCoins(1_000_000);

    private AdversaryReport() {}

    public static List<Map<String, Object>> of(SimOutcome o, Map<Hash, ChainTip> replay, ComputePool pool) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AdversaryTrace t : o.traces()) {
            out.add(entry(o, t, replay, pool));
        }
        return out;
    }

    private static Map<String, Object> entry(
            SimOutcome o, AdversaryTrace t, Map<Hash, ChainTip> replay, ComputePool pool) {
        PoleNode n0 = o.nodes().getFirst();
        List<GossipMessage.Candidate> sent = t.candidates();
        Set<Hash> mine = new HashSet<>();
        sent.forEach(c -> mine.add(c.block().hash()));
        Map<String, Integer> rejected = new TreeMap<>();
        Set<Hash> penalisedRounds = new HashSet<>();
        for (PoleEvent e : o.events()) {
            if (e instanceof PoleEvent.Rejected r && r.node().equals(n0.name()) && mine.contains(r.block())) {
                rejected.merge(r.reason().name(), 1, Integer::sum);
                sent.stream()
                        .filter(c -> c.block().hash().equals(r.block()))
                        .findFirst()
                        .ifPresent(c -> penalisedRounds.add(c.block().header().previous()));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", t.kind().flag());
        m.put("node", t.node());
        m.put("did", t.kind().description());
        m.put("commitments", t.commitments());
        m.put("candidates", sent.size());
        m.put(
                "claims",
                sent.stream()
                        .limit(MAX_CLAIMS_SHOWN)
                        .map(c -> ((PoleProof) c.block().header().proof()).claimedScore())
                        .toList());
        m.put("reveals", t.reveals());
        m.put("keyReleases", t.keyReleases().size());
        m.put("roundsWon", roundsWon(n0, t));
        m.put("payoutsRefuted", payouts(n0, t, true));
        m.put("payoutsStillHeld", payouts(n0, t, false));
        m.put("rejectedAtNode0", rejected);
        m.put("penalisedRounds", penalisedRounds.size());
        m.put("verdicts", verdicts(o, sent, replay, pool));
        m.put("coinsEarned", coinsEarned(n0, Address.of(t.key())));
        m.put(
                "trainingCpuSeconds",
                o.events().stream()
                        .filter(e ->
                                e instanceof PoleEvent.Trained tr && tr.node().equals(t.node()))
                        .mapToDouble(e -> ((PoleEvent.Trained) e).cpuSeconds())
                        .sum());
        if (t.kind().requesterSide()) {
            n0.chain().head().tip().state().tasks().get(1).ifPresent(task -> {
                m.put("forfeits", task.forfeits());
                m.put("burnedCoins", (double) task.burned().units() / Amount.UNITS_PER_COIN);
            });
        }
        return m;
    }

    /** Canonical pole blocks (node 0's chain) mined by the adversary. */
    private static long roundsWon(PoleNode n0, AdversaryTrace t) {
        long won = 0;
        for (long h = 1; h <= n0.chain().head().height().value(); h++) {
            Block b = n0.chain().blockAt(Height.of(h)).orElseThrow();
            if (b.header().proof() instanceof PoleProof && b.header().miner().equals(t.key())) {
                won++;
            }
        }
        return won;
    }

    /**
     * The adversary's won rounds whose payout a fraud proof refuted ({@code refuted}), or that are
     * still held in their fraud window at the end of the run.
     */
    private static long payouts(PoleNode n0, AdversaryTrace t, boolean refuted) {
        WorldState s = n0.chain().head().tip().state();
        long count = 0;
        for (long h = 1; h <= n0.chain().head().height().value(); h++) {
            Block b = n0.chain().blockAt(Height.of(h)).orElseThrow();
            if (b.header().proof() instanceof PoleProof p && b.header().miner().equals(t.key())) {
                var task = s.tasks().get(p.taskId());
                Height at = b.header().height();
                boolean hit = refuted
                        ? task.map(x -> x.refuted().contains(p.modelHash())).orElse(false)
                        : task.map(x -> x.held().stream()
                                        .anyMatch(e -> e.height().equals(at)))
                                .orElse(false);
                if (hit) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Each candidate judged on its parent's state (from the replay) with node 0's blobs: the verdict
     * of any node, live or syncing from genesis later (a commitment's timing is read from the block's
     * reveal, chain data). OFF_CHAIN when the parent is not on node 0's chain.
     */
    private static Map<String, Integer> verdicts(
            SimOutcome o, List<GossipMessage.Candidate> sent, Map<Hash, ChainTip> replay, ComputePool pool) {
        PoleNode n0 = o.nodes().getFirst();
        ValidationContext ctx = ValidationContext.at(Long.MAX_VALUE / 4000)
                .withBlobs(new BlobStoreView(o.blobs()))
                .withPool(pool);
        Map<String, Integer> out = new TreeMap<>();
        for (GossipMessage.Candidate c : sent.subList(0, Math.min(sent.size(), MAX_JUDGED))) {
            ChainTip parent = replay.get(c.block().header().previous());
            String verdict = parent == null
                    ? "OFF_CHAIN"
                    : switch (BlockProcessor.apply(parent, c.block(), n0.chain().rules(), ctx)) {
                        case Verdict.Valid v -> "VALID";
                        case Verdict.Invalid i -> i.reason().name();
                        case Verdict.Undecided u -> "UNDECIDED_" + u.reason().name();
                    };
            out.merge(verdict, 1, Integer::sum);
        }
        if (sent.size() > MAX_JUDGED) {
            out.merge("NOT_JUDGED", sent.size() - MAX_JUDGED, Integer::sum);
        }
        return out;
    }

    /** Balance on node 0's tip minus the premine, in coins (negative for a requester that paid escrow). */
    static double coinsEarned(PoleNode n0, Address address) {
        WorldState s = n0.chain().head().tip().state();
        return (double) (s.balance(address).units() - PREMINE.units()) / Amount.UNITS_PER_COIN;
    }

    /** The mean of {@link #coinsEarned} over the honest nodes that only mine (not node 0, the requester). */
    static double honestMinerMeanCoins(SimOutcome o) {
        PoleNode n0 = o.nodes().getFirst();
        Set<String> adversaries = new HashSet<>();
        o.traces().forEach(t -> adversaries.add(t.node()));
        double sum = 0;
        int count = 0;
        for (int i = 1; i < o.nodes().size(); i++) {
            if (!adversaries.contains(o.nodes().get(i).name())) {
                sum += coinsEarned(n0, DevAccounts.address(i));
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
