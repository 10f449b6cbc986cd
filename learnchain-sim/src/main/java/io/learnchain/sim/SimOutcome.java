package io.learnchain.sim;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.pole.ReplayVerifier;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.data.TrainTestData;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.pole.PoleNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/** What a simulation produced, read off node 0's chain and every node's events. */
public record SimOutcome(
        SimConfig config,
        Genesis genesis,
        List<PoleNode> nodes,
        BlobStore blobs,
        List<PoleEvent> events,
        List<AdversaryTrace> traces,
        TrainTestData data,
        long virtualMillis,
        long eventsRun,
        long messages) {

    /** One connected block of node 0's canonical chain. */
    public record RoundRow(
            long height,
            String kind,
            long taskId,
            String winner,
            long claimedScore,
            long verifiedScore,
            int shardSize,
            double testAccuracy,
            int candidates,
            int evaluations,
            double verifySeconds,
            double trainingCpuSeconds,
            double idleCpuSeconds) {}

    boolean converged() {
        Hash tip = nodes.getFirst().chain().head().hash();
        return nodes.stream().allMatch(n -> n.chain().head().hash().equals(tip));
    }

    Hash tipHash() {
        return nodes.getFirst().chain().head().hash();
    }

    /** Every block of node 0's chain re-executed from genesis with its blobs (the `accuracy` checks). */
    public boolean reverifies(ComputePool pool) {
        return reverifies(replay(pool));
    }

    /** Whether {@code replay} (from {@link #replay}) re-executed the whole chain to node 0's tip. */
    public boolean reverifies(Map<Hash, ChainTip> replay) {
        return replay.containsKey(tipHash());
    }

    /**
     * Node 0's chain re-executed from genesis with its blobs (the default checks, as a
     * node syncing from genesis runs them): the tip after each block by block hash, genesis included;
     * it stops at the first block that does not re-verify.
     */
    public Map<Hash, ChainTip> replay(ComputePool pool) {
        PoleNode n = nodes.getFirst();
        ValidationContext ctx = ValidationContext.at(Long.MAX_VALUE / 4000)
                .withBlobs(new BlobStoreView(blobs))
                .withPool(pool);
        ChainTip tip = ChainTip.genesis(genesis);
        Map<Hash, ChainTip> tips = new HashMap<>();
        tips.put(tip.hash(), tip);
        for (long h = 1; h <= n.chain().head().height().value(); h++) {
            Block b = n.chain().blockAt(Height.of(h)).orElseThrow();
            if (!(BlockProcessor.apply(tip, b, n.chain().rules(), ctx) instanceof Verdict.Valid v)) {
                return tips;
            }
            tip = v.tip();
            tips.put(tip.hash(), tip);
        }
        return tips;
    }

    /**
     * Every pole block of node 0's chain re-trained from its record on its parent's state (what a
     * node syncing with {@code --verify replay} adds to the default checks): blocks, seconds, and the
     * blocks whose work departs from their checkpoints.
     */
    public Map<String, Object> fullReplay(Map<Hash, ChainTip> replay, ComputePool pool) {
        PoleNode n = nodes.getFirst();
        long start = System.nanoTime();
        int blocks = 0;
        int departures = 0;
        for (long h = 1; h <= n.chain().head().height().value(); h++) {
            Block b = n.chain().blockAt(Height.of(h)).orElseThrow();
            ChainTip parent = replay.get(b.header().previous());
            if (parent == null || !(b.header().proof() instanceof PoleProof)) {
                continue;
            }
            blocks++;
            if (ReplayVerifier.replay(parent, n.chain().rules(), b, new BlobStoreView(blobs), pool, Long.MAX_VALUE)
                    instanceof ReplayVerifier.Outcome.Mismatch) {
                departures++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("poleBlocks", blocks);
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        out.put("falseWork", departures);
        return out;
    }

    public List<RoundRow> rows(ComputePool pool) {
        PoleNode n = nodes.getFirst();
        Evaluator evaluator = new Evaluator(pool);
        List<RoundRow> out = new ArrayList<>();
        for (long h = 1; h <= n.chain().head().height().value(); h++) {
            Block b = n.chain().blockAt(Height.of(h)).orElseThrow();
            Hash parent = b.header().previous();
            double training = events.stream()
                    .filter(e -> e instanceof PoleEvent.Trained t && t.parent().equals(parent))
                    .mapToDouble(e -> ((PoleEvent.Trained) e).cpuSeconds())
                    .sum();
            double idle = events.stream()
                    .filter(e -> e instanceof PoleEvent.Sealed s && s.block().equals(b.hash()))
                    .mapToDouble(e -> ((PoleEvent.Sealed) e).cpuSeconds())
                    .sum();
            PoleEvent.RoundDecided decided = events.stream()
                    .filter(e -> e instanceof PoleEvent.RoundDecided d
                            && d.node().equals(n.name())
                            && d.parent().equals(parent))
                    .map(e -> (PoleEvent.RoundDecided) e)
                    .findFirst()
                    .orElse(null);
            int candidates = decided == null ? 0 : decided.candidates();
            int evaluations = decided == null ? 0 : decided.evaluations();
            double verify = decided == null ? 0 : decided.verifySeconds();
            String winner = Address.of(b.header().miner()).toString();
            if (b.header().proof() instanceof PoleProof p) {
                Model model = Model.fromCanonicalBytes(blob(p.modelHash()));
                Hash roundKey = TaskRules.roundKey(parent, p.taskId());
                SecureMappingLayer sml =
                        new SecureMappingLayer(roundKey, data.test().classes());
                // a private task's model reads the round's projections of a sample (PROTOCOL.md 3.9)
                Optional<ProjectionSpec> privacy = n.chain()
                        .head()
                        .tip()
                        .state()
                        .tasks()
                        .get(p.taskId())
                        .flatMap(t -> t.terms().privacy());
                UnaryOperator<Dataset> inputs = d ->
                        privacy.map(ps -> ps.project(d, ps.weights(roundKey))).orElse(d);
                Dataset shard = DatasetCodec.decode(blob(p.shardHash()), "shard");
                int verified = evaluator.correctCount(model, sml.relabel(inputs.apply(shard)));
                // what the requester gets: the model with the round's mapping undone, on its own test labels
                double accuracy = (double) evaluator.correctCount(sml.unmap(model), inputs.apply(data.test()))
                        / data.test().count();
                out.add(new RoundRow(
                        h,
                        "pole",
                        p.taskId(),
                        winner,
                        p.claimedScore(),
                        verified,
                        shard.count(),
                        accuracy,
                        candidates,
                        evaluations,
                        verify,
                        training,
                        idle));
            } else {
                String kind = b.header().proof() instanceof ForfeitProof ? "forfeit" : "idle";
                out.add(new RoundRow(
                        h, kind, 0, winner, 0, 0, 0, Double.NaN, candidates, evaluations, verify, training, idle));
            }
        }
        return out;
    }

    private byte[] blob(Hash hash) {
        try {
            return blobs.get(hash).orElseThrow(() -> new IllegalStateException("blob " + hash.toHex() + " is missing"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's CPU, by what it was spent on (seconds): training that produced node 0's winning
     * models, all other training (losing candidates, adversaries), verification of the rounds' blocks
     * at every node (each node's decision time), requesters' replays of won rounds (audits), and hash
     * sealing of idle and forfeit blocks.
     */
    record Compute(double winnerTraining, double otherTraining, double verification, double audits, double sealing) {
        double total() {
            return winnerTraining + otherTraining + verification + audits + sealing;
        }
    }

    Compute compute() {
        PoleNode n0 = nodes.getFirst();
        Map<String, String> nodeOf = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            nodeOf.put(
                    Address.of(DevAccounts.keys(i).publicKey()).toString(),
                    nodes.get(i).name());
        }
        double winner = 0;
        for (long h = 1; h <= n0.chain().head().height().value(); h++) {
            Block b = n0.chain().blockAt(Height.of(h)).orElseThrow();
            if (b.header().proof() instanceof PoleProof) {
                String node = nodeOf.get(Address.of(b.header().miner()).toString());
                Hash parent = b.header().previous();
                winner += events.stream()
                        .filter(e -> e instanceof PoleEvent.Trained t
                                && t.parent().equals(parent)
                                && t.node().equals(node))
                        .mapToDouble(e -> ((PoleEvent.Trained) e).cpuSeconds())
                        .sum();
            }
        }
        double training = sum(PoleEvent.Trained.class, PoleEvent.Trained::cpuSeconds);
        return new Compute(
                winner,
                training - winner,
                sum(PoleEvent.RoundDecided.class, PoleEvent.RoundDecided::verifySeconds),
                sum(PoleEvent.Audited.class, PoleEvent.Audited::cpuSeconds),
                sum(PoleEvent.Sealed.class, PoleEvent.Sealed::cpuSeconds));
    }

    private <E extends PoleEvent> double sum(Class<E> kind, ToDoubleFunction<E> seconds) {
        return events.stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .mapToDouble(seconds)
                .sum();
    }

    /**
     * The share of all the run's CPU that produced what the requester receives: the winning models'
     * training over everything (all training, verification at every node, audits, sealing). Losing
     * candidates' training is counted as spent, not useful: the requester gets one model a round.
     */
    double energyRecycled() {
        Compute c = compute();
        return c.total() == 0 ? 0 : c.winnerTraining() / c.total();
    }

    /** All training over all CPU: the figure {@code energyRecycled} was before it counted verification. */
    double trainingShare() {
        Compute c = compute();
        return c.total() == 0 ? 0 : (c.winnerTraining() + c.otherTraining()) / c.total();
    }

    /** Verification CPU of one node for one task block over the winner's training CPU for it (mean over nodes and rounds). */
    double verificationShare() {
        Compute c = compute();
        return c.winnerTraining() == 0 ? 0 : c.verification() / nodes.size() / c.winnerTraining();
    }

    /** Rejected candidates per typed reason, counted once per (block, reason) over all nodes. */
    Map<String, Integer> rejections() {
        Map<String, Set<Hash>> seen = new TreeMap<>();
        for (PoleEvent e : events) {
            if (e instanceof PoleEvent.Rejected r) {
                seen.computeIfAbsent(r.reason().name(), k -> new HashSet<>()).add(r.block());
            }
        }
        Map<String, Integer> out = new TreeMap<>();
        seen.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }
}
