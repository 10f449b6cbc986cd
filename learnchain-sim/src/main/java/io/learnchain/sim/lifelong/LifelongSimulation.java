package io.learnchain.sim.lifelong;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.state.LifelongRecords.Badges;
import io.learnchain.chain.transition.BlockTemplate;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.lifelong.FixedPointLoss;
import io.learnchain.learn.lifelong.ModelGrowth;
import io.learnchain.learn.lifelong.PrefixAccuracy;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.FrozenParameters;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paper 001 measured: a lifelong model on the ledger learns classes [0, 5) of Fashion-MNIST from
 * several participants, grows to 10 classes with its old weights frozen, and learns the new classes
 * (from new-class data only, the class-incremental setting). Every update goes through real
 * transactions in validated blocks. The baseline, off chain, fine-tunes the same grown model
 * naively (every weight trains) under the same schedule and selection rule.
 */
public final class LifelongSimulation {
    private static final long MODEL_ID = 1;
    private static final int INITIATOR = 0;

    private final LifelongConfig config;
    private final Data data;

    /** The class-incremental splits: training shards per participant, the initiator's test parts, held-out sets. */
    record Data(
            String origin,
            List<Dataset> oldShards,
            List<Dataset> newShards,
            List<Dataset> oldParts,
            List<Dataset> newParts,
            Dataset oldEval,
            Dataset newEval) {}

    /** One closed epoch (or the deployment/growth point). */
    record EpochRow(String phase, int epoch, long height, int proposals, long loss, String winner, Long naiveLoss) {}

    public LifelongSimulation(LifelongConfig config, Dataset train, Dataset test, String origin) {
        this.config = config;
        int old = config.oldClasses();
        int all = config.classes();
        long s = config.seed();
        Dataset oldTrain = ClassSplit.filter(train, l -> l < old, old, "old/train");
        Dataset newTrain = ClassSplit.filter(train, l -> l >= old, all, "new/train");
        int half = test.count() / 2;
        this.data = new Data(
                origin,
                DatasetShards.split(
                        oldTrain, config.participants(), SplitMix64.derive(s, 1).nextLong()),
                DatasetShards.split(
                        newTrain, config.participants(), SplitMix64.derive(s, 2).nextLong()),
                DatasetShards.split(
                        ClassSplit.range(test, 0, half, l -> l < old, old, "old/test"),
                        config.parts(),
                        SplitMix64.derive(s, 3).nextLong()),
                DatasetShards.split(
                        ClassSplit.range(test, 0, half, l -> l >= old, all, "new/test"),
                        config.parts(),
                        SplitMix64.derive(s, 4).nextLong()),
                ClassSplit.range(test, half, test.count(), l -> l < old, old, "old/eval"),
                ClassSplit.range(test, half, test.count(), l -> l >= old, all, "new/eval"));
    }

    public Map<String, Object> run(ComputePool pool, List<EpochRow> rows) {
        LifelongLedger ledger = new LifelongLedger(config.participants(), pool);
        deployAndReveal(ledger);
        rows.add(row("deploy", 0, ledger, 0, null));
        int epochs = 0;
        for (int e = 1; e <= config.epochs(); e++) {
            epochs++;
            rows.add(epoch(
                    ledger,
                    "old",
                    e,
                    FrozenParameters.none(config.oldSpec().layout().parameterCount()),
                    pool));
        }
        LifelongModel beforeGrowth = ledger.lifelong(MODEL_ID);
        Model before = ledger.model(beforeGrowth.weights());
        Map<String, Object> out = new LinkedHashMap<>();
        int oldEval = data.oldEval().count();
        int beforeCorrect = PrefixAccuracy.correct(before, data.oldEval(), config.oldClasses(), pool);
        boolean grown = beforeGrowth.loss() < beforeGrowth.threshold();
        Model grownStart = grownStart(before);
        FrozenParameters frozen =
                ModelGrowth.plan(before.spec(), grownStart.spec()).frozen();
        Model naive = grownStart;
        if (grown) {
            grow(ledger, grownStart);
            rows.add(row("grow", 0, ledger, 0, ledger.lifelong(MODEL_ID).loss()));
            long naiveLoss = ledger.lifelong(MODEL_ID).loss();
            for (int e = 1; e <= config.epochs(); e++) {
                epochs++;
                EpochRow r = epoch(ledger, "new", e, frozen, pool);
                var naiveStep = naiveEpoch(naive, naiveLoss, ledger.lossParts(MODEL_ID), e, pool);
                naive = naiveStep.model();
                naiveLoss = naiveStep.loss();
                rows.add(
                        new EpochRow(r.phase(), r.epoch(), r.height(), r.proposals(), r.loss(), r.winner(), naiveLoss));
            }
        }
        Model after = ledger.model(ledger.lifelong(MODEL_ID).weights());
        out.put("origin", data.origin());
        out.put("participants", config.participants());
        out.put("epochs", epochs);
        out.put("grown", grown);
        out.put("model", after.spec().text());
        out.put("currentLoss", ledger.lifelong(MODEL_ID).loss());
        out.put("currentLossNats", ledger.lifelong(MODEL_ID).loss() / (double) FixedPointLoss.SCALE);
        out.put("oldClassAccuracyBefore", ratio(beforeCorrect, oldEval));
        out.put(
                "oldClassAccuracyAfter",
                ratio(PrefixAccuracy.correct(after, data.oldEval(), config.classes(), pool), oldEval));
        out.put(
                "oldClassAccuracyAfterOldOutputs",
                ratio(PrefixAccuracy.correct(after, data.oldEval(), config.oldClasses(), pool), oldEval));
        out.put(
                "newClassAccuracyAfter",
                ratio(
                        PrefixAccuracy.correct(after, data.newEval(), config.classes(), pool),
                        data.newEval().count()));
        out.put(
                "naiveOldClassAccuracyAfter",
                ratio(PrefixAccuracy.correct(naive, data.oldEval(), config.classes(), pool), oldEval));
        out.put(
                "naiveOldClassAccuracyAfterOldOutputs",
                ratio(PrefixAccuracy.correct(naive, data.oldEval(), config.oldClasses(), pool), oldEval));
        out.put(
                "naiveNewClassAccuracyAfter",
                ratio(
                        PrefixAccuracy.correct(naive, data.newEval(), config.classes(), pool),
                        data.newEval().count()));
        out.put("oldWeightsBitIdentical", ModelGrowth.checkFrozen(before, after).isEmpty());
        out.put("naiveProposal", naiveVerdict(ledger, naive));
        badges(ledger, out);
        out.put("height", ledger.tip().height().value());
        out.put("skippedProposals", ledger.skippedByReason());
        out.put("chainReverified", ledger.reverifies());
        out.put("evalSamples", Map.of("old", oldEval, "new", data.newEval().count()));
        return out;
    }

    /**
     * The initiator's grown weights: {@link ModelGrowth#grow} (old weights kept, new ones Glorot) with the
     * new classes' biases set to {@code newClassBias}, so the new classes start "off" and the old
     * classes' 10-way accuracy right after the growth is close to their 5-way accuracy.
     */
    private Model grownStart(Model before) {
        Model g = ModelGrowth.grow(
                before,
                config.classes(),
                config.extraHidden(),
                SplitMix64.derive(config.seed(), 5).nextLong());
        float[] p = g.parameters();
        var tensors = g.spec().layout().tensors();
        int biasOff = tensors.getLast().offset();
        for (int j = config.oldClasses(); j < config.classes(); j++) {
            p[biasOff + j] = LifelongConfig.NEW_CLASS_BIAS;
        }
        return new Model(g.spec(), p);
    }

    private void deployAndReveal(LifelongLedger ledger) {
        Model initial = Initializer.initialize(
                config.oldSpec(), SplitMix64.derive(config.seed(), 6).nextLong());
        Hash weights = ledger.upload(initial);
        List<Hash> parts = data.oldParts().stream().map(ledger::upload).toList();
        DeployModel deploy = new DeployModel(
                config.oldSpec().text(),
                weights,
                DeployModel.LOSS_SOFTMAX_CROSS_ENTROPY,
                config.threshold(),
                config.picked(),
                config.epochBlocks(),
                4,
                parts);
        requireNone(ledger.mine(List.of(ledger.sign(INITIATOR, 0, deploy))), "deployment");
        requireNone(ledger.mine(List.of(ledger.sign(INITIATOR, 0, new RevealParts(MODEL_ID)))), "reveal");
    }

    private void grow(LifelongLedger ledger, Model grown) {
        LifelongModel m = ledger.lifelong(MODEL_ID);
        Hash w = ledger.upload(grown);
        List<Hash> parts = data.newParts().stream().map(ledger::upload).toList();
        GrowModel g = new GrowModel(MODEL_ID, m.weights(), grown.spec().text(), w, 0, config.picked(), parts);
        requireNone(ledger.mine(List.of(ledger.sign(INITIATOR, 0, g))), "growth");
        requireNone(ledger.mine(List.of(ledger.sign(INITIATOR, 0, new RevealParts(MODEL_ID)))), "growth reveal");
    }

    /** Every participant trains from the current weights; those with a lower loss propose; blocks until the epoch closes. */
    private EpochRow epoch(LifelongLedger ledger, String phase, int e, FrozenParameters frozen, ComputePool pool) {
        LifelongModel m = ledger.lifelong(MODEL_ID);
        Model current = ledger.model(m.weights());
        List<Dataset> parts = ledger.lossParts(MODEL_ID);
        List<Dataset> shards = phase.equals("old") ? data.oldShards() : data.newShards();
        List<SignedTransaction> txs = new ArrayList<>();
        for (int p = 0; p < config.participants(); p++) {
            Model next = train(current, shards.get(p), seed(phase, e, p), frozen, pool);
            long loss = FixedPointLoss.of(next, parts, pool);
            if (loss < m.loss()) {
                txs.add(ledger.sign(p + 1, 0, new ProposeUpdate(MODEL_ID, m.weights(), ledger.upload(next), loss)));
            }
        }
        requireNone(ledger.mine(txs), "proposals");
        int proposals = ledger.lifelong(MODEL_ID).proposals().size();
        while (!ledger.lifelong(MODEL_ID).proposals().isEmpty()) {
            ledger.mine(List.of());
        }
        return row(phase, e, ledger, proposals, null);
    }

    private record Step(Model model, long loss) {}

    /** Naive fine-tuning: every weight trains, and the epoch's lowest-loss model is taken even when it is worse. */
    private Step naiveEpoch(Model current, long currentLoss, List<Dataset> parts, int e, ComputePool pool) {
        Model best = null;
        long bestLoss = Long.MAX_VALUE;
        for (int p = 0; p < config.participants(); p++) {
            Model next = train(
                    current,
                    data.newShards().get(p),
                    seed("new", e, p),
                    FrozenParameters.none(current.parameterCount()),
                    pool);
            long loss = FixedPointLoss.of(next, parts, pool);
            if (loss < bestLoss) {
                best = next;
                bestLoss = loss;
            }
        }
        return new Step(best, bestLoss);
    }

    private Model train(Model start, Dataset shard, long seed, FrozenParameters frozen, ComputePool pool) {
        long steps = start.spec().outputSize() == config.classes() ? config.growthSteps() : config.steps();
        TrainingRecord rec = new TrainingRecord(
                new TrainingStart.FromParent(start.hash()),
                Optimizer.Adam.of(
                        start.spec().outputSize() == config.classes()
                                ? config.growthLearningRate()
                                : config.learningRate()),
                config.batch(),
                steps,
                seed);
        return new Trainer(pool).train(TrainingJob.continuing(start.spec(), rec, shard, start), frozen);
    }

    private long seed(String phase, int epoch, int participant) {
        return SplitMix64.derive(config.seed(), (phase.equals("old") ? 1000L : 2000L) + epoch * 64L + participant)
                .nextLong();
    }

    /** The naive model proposed on chain: rejected unless the old weights stayed (they do not). */
    private static String naiveVerdict(LifelongLedger ledger, Model naive) {
        LifelongModel m = ledger.lifelong(MODEL_ID);
        if (!naive.spec().text().equals(m.spec())) {
            return "not grown";
        }
        if (ModelGrowth.checkUnchanged(
                        ledger.model(m.weights()),
                        naive,
                        ModelGrowth.plan(ModelSpec.parse(m.frozenSpec()), naive.spec())
                                .frozen())
                .isEmpty()) {
            return "not trained";
        }
        List<BlockTemplate.Skipped> skipped = ledger.mine(List.of(ledger.sign(
                1, 0, new ProposeUpdate(MODEL_ID, m.weights(), ledger.upload(naive), Math.max(0, m.loss() - 1)))));
        return skipped.isEmpty() ? "accepted" : skipped.getFirst().reason().name();
    }

    private void badges(LifelongLedger ledger, Map<String, Object> out) {
        long total = 0;
        List<Map<String, Object>> reputation = new ArrayList<>();
        for (var e : ledger.tip().state().lifelong().allBadges().entrySet()) {
            Badges b = e.getValue();
            total += b.participation() + b.best();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("address", e.getKey().toString());
            r.put("participation", b.participation());
            r.put("special", b.best());
            r.put("reputation", b.reputation());
            r.put("strikes", b.strikes());
            reputation.add(r);
        }
        out.put("badges", total);
        out.put("reputation", reputation);
    }

    private static EpochRow row(String phase, int e, LifelongLedger ledger, int proposals, Long naiveLoss) {
        LifelongModel m = ledger.lifelong(MODEL_ID);
        var last = m.history().getLast();
        return new EpochRow(
                phase,
                e,
                ledger.tip().height().value(),
                proposals,
                m.loss(),
                proposals == 0 ? "" : last.by().toString(),
                naiveLoss);
    }

    private static void requireNone(List<BlockTemplate.Skipped> skipped, String what) {
        if (!skipped.isEmpty()) {
            throw new IllegalStateException("the " + what + " transaction was rejected: "
                    + skipped.getFirst().reason() + " " + skipped.getFirst().detail());
        }
    }

    private static double ratio(int correct, int count) {
        return count == 0 ? 0 : Math.round(correct * 10000.0 / count) / 10000.0;
    }
}
