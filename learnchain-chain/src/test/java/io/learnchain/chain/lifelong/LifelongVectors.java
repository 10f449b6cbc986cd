package io.learnchain.chain.lifelong;

import static io.learnchain.chain.lifelong.LifelongFixture.INITIAL;
import static io.learnchain.chain.lifelong.LifelongFixture.INITIATOR;

import io.learnchain.base.Hash;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.lifelong.ModelGrowth;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lifelong scenarios behind the committed vectors: a chain whose last block is valid, invalid or undecided. */
final class LifelongVectors {
    record Scenario(String description, List<Block> blocks) {}

    static final LifelongFixture F = new LifelongFixture();
    static final ChainTip T0 = ChainFixture.genesisTip();
    static final Block B1 = F.mine(T0, List.of(F.tx(T0, INITIATOR, F.deployTerms())));
    static final ChainTip T1 = F.connect(T0, B1);
    static final Block B2 = F.mine(T1, List.of(F.reveal(T1)));
    static final ChainTip T2 = F.connect(T1, B2);
    static final Model A = LifelongFixture.train(INITIAL, 11, 40);
    static final Model B = LifelongFixture.train(INITIAL, 12, 120);
    static final Model GROWN = ModelGrowth.grow(INITIAL, 4, 4, 3);

    static {
        F.put(A);
        F.put(B);
        F.put(GROWN);
    }

    static final long LOSS_A = F.loss(T2, A);
    static final long LOSS_B = F.loss(T2, B);

    private LifelongVectors() {}

    static Map<String, Scenario> all() {
        Map<String, Scenario> m = new LinkedHashMap<>();
        deploy(m);
        reveal(m);
        propose(m);
        challenge(m);
        grow(m);
        return m;
    }

    private static List<Block> chain(Block... blocks) {
        return List.of(blocks);
    }

    private static void deploy(Map<String, Scenario> m) {
        m.put("deploy", new Scenario("account 1 deploys a 3-class model with 4 test parts, k=2, E=2, W=2", chain(B1)));
        Model other = Initializer.initialize(ModelSpec.parse("input 8 | dense 3"), 1);
        F.put(other);
        m.put(
                "deploy-weights-of-another-spec",
                new Scenario(
                        "the initial weights blob is a model of another spec",
                        chain(F.forge(
                                T0,
                                List.of(F.tx(
                                        T0,
                                        INITIATOR,
                                        F.deployTerms(
                                                other.hash(),
                                                LifelongFixture.SPEC.text(),
                                                LifelongFixture.THRESHOLD)))))));
        m.put(
                "deploy-spec-not-canonical",
                new Scenario(
                        "the spec text is not in canonical form",
                        chain(F.forge(
                                T0,
                                List.of(F.tx(
                                        T0,
                                        INITIATOR,
                                        F.deployTerms(
                                                INITIAL.hash(),
                                                "input 8 | dense 16 | relu | dense 3 ",
                                                LifelongFixture.THRESHOLD)))))));
        Model unseen = Initializer.initialize(LifelongFixture.SPEC, 99);
        m.put(
                "deploy-weights-missing",
                new Scenario(
                        "the initial weights blob is not available: undecided",
                        chain(F.forge(
                                T0,
                                List.of(F.tx(
                                        T0,
                                        INITIATOR,
                                        F.deployTerms(
                                                unseen.hash(),
                                                LifelongFixture.SPEC.text(),
                                                LifelongFixture.THRESHOLD)))))));
    }

    private static void reveal(Map<String, Scenario> m) {
        m.put(
                "reveal",
                new Scenario(
                        "the initiator reveals the 2 picked parts in the next block; the initial loss" + " is measured",
                        chain(B1, B2)));
        m.put(
                "reveal-in-deploy-block",
                new Scenario(
                        "a reveal in the deployment's own block: nothing is picked yet",
                        chain(F.forge(
                                T0,
                                List.of(
                                        F.tx(T0, INITIATOR, F.deployTerms()),
                                        F.tx(T0, INITIATOR, 1, new RevealParts(1)))))));
        m.put(
                "reveal-not-initiator",
                new Scenario(
                        "account 2 reveals the parts of account 1's model",
                        chain(B1, F.forge(T1, List.of(F.tx(T1, 2, new RevealParts(1)))))));
        Dataset bad = new Dataset("bad", new int[] {4}, 3, new float[4 * 3], new int[] {0, 1, 2});
        Dataset bad2 = new Dataset("bad2", new int[] {4}, 3, new float[4 * 3], new int[] {2, 1, 0});
        Hash h1 = F.put(DatasetCodec.encode(bad));
        Hash h2 = F.put(DatasetCodec.encode(bad2));
        DeployModel badTerms =
                new DeployModel(LifelongFixture.SPEC.text(), INITIAL.hash(), 0, 1, 2, 2, 2, List.of(h1, h2));
        Block d = F.mine(T0, List.of(F.tx(T0, INITIATOR, badTerms)));
        ChainTip td = F.connect(T0, d);
        m.put(
                "reveal-bad-part",
                new Scenario(
                        "the picked parts hold 4-value samples, the model reads 8",
                        chain(d, F.forge(td, List.of(F.reveal(td))))));
        List<Block> late = new ArrayList<>(List.of(B1));
        ChainTip t3 = F.extend(T1, late, List.of(List.of(), List.of()));
        late.add(F.forge(t3, List.of(F.reveal(t3))));
        m.put(
                "reveal-after-window",
                new Scenario(
                        "parts picked at height 2 (deadline 3); at height 4 the deployment"
                                + " is void and there is nothing to reveal",
                        late));
        List<Block> voidThenPropose = new ArrayList<>(List.of(B1));
        ChainTip t3b = F.extend(T1, voidThenPropose, List.of(List.of(), List.of()));
        voidThenPropose.add(F.forge(t3b, List.of(F.tx(t3b, 2, new ProposeUpdate(1, INITIAL.hash(), A.hash(), 1)))));
        m.put("propose-on-void-model", new Scenario("a proposal to a void deployment", voidThenPropose));
    }

    private static void propose(Map<String, Scenario> m) {
        m.put(
                "propose",
                new Scenario(
                        "account 2 proposes trained weights with their exact loss",
                        chain(B1, B2, F.mine(T2, List.of(F.propose(T2, 2, A, LOSS_A))))));
        m.put(
                "propose-loss-one-below",
                new Scenario(
                        "the claim is one micro-nat below the recomputed loss",
                        chain(B1, B2, F.forge(T2, List.of(F.propose(T2, 2, A, LOSS_A - 1))))));
        m.put(
                "propose-loss-one-above",
                new Scenario(
                        "the claim is one micro-nat above the recomputed loss",
                        chain(B1, B2, F.forge(T2, List.of(F.propose(T2, 2, A, LOSS_A + 1))))));
        long current = LifelongFixture.model(T2).loss();
        m.put(
                "propose-not-lower",
                new Scenario(
                        "the claimed loss equals the current loss",
                        chain(B1, B2, F.forge(T2, List.of(F.propose(T2, 2, A, current))))));
        m.put(
                "propose-wrong-parent",
                new Scenario(
                        "the proposal builds on weights that are not current",
                        chain(
                                B1,
                                B2,
                                F.forge(T2, List.of(F.tx(T2, 2, new ProposeUpdate(1, A.hash(), B.hash(), LOSS_B)))))));
        m.put(
                "propose-before-reveal",
                new Scenario(
                        "a proposal while the parts are not revealed",
                        chain(
                                B1,
                                F.forge(T1, List.of(F.tx(T1, 2, new ProposeUpdate(1, INITIAL.hash(), A.hash(), 1)))))));
        m.put(
                "propose-same-weights-twice",
                new Scenario(
                        "two proposals of the same weights in one epoch",
                        chain(B1, B2, F.forge(T2, List.of(F.propose(T2, 2, A, LOSS_A), F.propose(T2, 3, A, LOSS_A))))));
        Model unseen = LifelongFixture.train(INITIAL, 13, 30);
        m.put(
                "propose-weights-missing",
                new Scenario(
                        "the proposed weights are not available: undecided",
                        chain(B1, B2, F.forge(T2, List.of(F.propose(T2, 2, unseen, LOSS_A))))));
        byte[] nan = A.canonicalBytes();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(nan.length - 4, Float.NaN);
        Hash nanHash = F.put(nan);
        m.put(
                "propose-nan-weights",
                new Scenario(
                        "the proposed weights hold a NaN",
                        chain(
                                B1,
                                B2,
                                F.forge(
                                        T2,
                                        List.of(F.tx(T2, 2, new ProposeUpdate(1, INITIAL.hash(), nanHash, LOSS_A)))))));
        m.put(
                "propose-grown-spec-without-growth",
                new Scenario(
                        "the proposed weights have another spec",
                        chain(B1, B2, F.forge(T2, List.of(F.propose(T2, 2, GROWN, LOSS_A))))));
        Block b3 = F.mine(T2, List.of(F.propose(T2, 2, A, LOSS_A), F.propose(T2, 3, B, LOSS_B)));
        ChainTip t3 = F.connect(T2, b3);
        Block b4 = F.mine(t3, List.of());
        m.put(
                "epoch-close",
                new Scenario(
                        "two proposals in epoch 1; height 4 opens epoch 2 and the lower loss"
                                + " becomes current, badges to both and the special badge to the best",
                        chain(B1, B2, b3, b4)));
        ChainTip t4 = F.connect(t3, b4);
        Model best = LOSS_B < LOSS_A ? B : A;
        Model next = LifelongFixture.train(best, 14, 60);
        F.put(next);
        m.put(
                "propose-on-new-current",
                new Scenario(
                        "after the epoch, a proposal on the new current weights",
                        chain(B1, B2, b3, b4, F.mine(t4, List.of(F.propose(t4, 2, next, F.loss(t4, next)))))));
    }

    private static void challenge(Map<String, Scenario> m) {
        SignedTransaction falseClaim = F.propose(T2, 2, A, LOSS_A - 5);
        SignedTransaction rightClaim = F.propose(T2, 2, A, LOSS_A);
        Block b3 = F.mine(T2, List.of(F.tx(T2, 3, new Challenge(1, falseClaim))));
        m.put(
                "challenge",
                new Scenario("account 3 proves account 2's signed claim false (a strike for 2)", chain(B1, B2, b3)));
        m.put(
                "challenge-right-claim",
                new Scenario(
                        "the challenged claim is right",
                        chain(B1, B2, F.forge(T2, List.of(F.tx(T2, 3, new Challenge(1, rightClaim)))))));
        ChainTip t3 = F.connect(T2, b3);
        m.put(
                "challenge-repeated",
                new Scenario(
                        "the same false claim challenged twice",
                        chain(B1, B2, b3, F.forge(t3, List.of(F.tx(t3, 3, new Challenge(1, falseClaim)))))));
        SignedTransaction stale = F.tx(T2, 2, new ProposeUpdate(1, A.hash(), B.hash(), 1));
        m.put(
                "challenge-stale",
                new Scenario(
                        "the challenged claim builds on weights that are not current",
                        chain(B1, B2, F.forge(T2, List.of(F.tx(T2, 3, new Challenge(1, stale)))))));
    }

    private static void grow(Map<String, Scenario> m) {
        Block g3 = F.mine(T2, List.of(F.tx(T2, INITIATOR, F.growTerms(INITIAL.hash(), GROWN))));
        m.put(
                "grow",
                new Scenario(
                        "the initiator grows the model to 4 classes and 4 more neurons, old weights kept",
                        chain(B1, B2, g3)));
        ChainTip t3 = F.connect(T2, g3);
        Block g4 = F.mine(t3, List.of(F.reveal(t3)));
        m.put(
                "grow-reveal",
                new Scenario(
                        "the new part picked at height 4 is revealed; the grown model is current",
                        chain(B1, B2, g3, g4)));
        float[] p = GROWN.parameters();
        int old = ModelGrowth.plan(LifelongFixture.SPEC, GROWN.spec()).oldToNew()[7];
        p[old] = Math.nextUp(p[old]);
        Model nudged = new Model(GROWN.spec(), p);
        F.put(nudged);
        m.put(
                "grow-old-weight-changed",
                new Scenario(
                        "one old weight differs in its last bit",
                        chain(B1, B2, F.forge(T2, List.of(F.tx(T2, INITIATOR, F.growTerms(INITIAL.hash(), nudged)))))));
        float[] q = GROWN.parameters();
        q[ModelGrowth.plan(LifelongFixture.SPEC, GROWN.spec()).zeroFrozen().nextSetBit(0)] = 0.25f;
        Model linked = new Model(GROWN.spec(), q);
        F.put(linked);
        m.put(
                "grow-new-neuron-feeds-old-class",
                new Scenario(
                        "a new neuron is linked to an old class",
                        chain(B1, B2, F.forge(T2, List.of(F.tx(T2, INITIATOR, F.growTerms(INITIAL.hash(), linked)))))));
        Model narrower = Initializer.initialize(ModelSpec.parse("input 8 | dense 12 | relu | dense 4"), 2);
        F.put(narrower);
        m.put(
                "grow-not-a-growth",
                new Scenario(
                        "the grown spec shrinks the hidden layer",
                        chain(
                                B1,
                                B2,
                                F.forge(T2, List.of(F.tx(T2, INITIATOR, F.growTerms(INITIAL.hash(), narrower)))))));
        m.put(
                "grow-not-initiator",
                new Scenario(
                        "account 2 grows account 1's model",
                        chain(B1, B2, F.forge(T2, List.of(F.tx(T2, 2, F.growTerms(INITIAL.hash(), GROWN)))))));
        m.put(
                "grow-with-proposals-pending",
                new Scenario(
                        "a growth in a block after a proposal of the open epoch",
                        chain(
                                B1,
                                B2,
                                F.forge(
                                        T2,
                                        List.of(
                                                F.propose(T2, 2, A, LOSS_A),
                                                F.tx(T2, INITIATOR, F.growTerms(INITIAL.hash(), GROWN)))))));
        Block hi1 =
                F.mine(T0, List.of(F.tx(T0, INITIATOR, F.deployTerms(INITIAL.hash(), LifelongFixture.SPEC.text(), 0))));
        ChainTip th1 = F.connect(T0, hi1);
        Block hi2 = F.mine(th1, List.of(F.reveal(th1)));
        ChainTip th2 = F.connect(th1, hi2);
        m.put(
                "grow-above-threshold",
                new Scenario(
                        "growth threshold 0: the loss is never under it",
                        chain(
                                hi1,
                                hi2,
                                F.forge(th2, List.of(F.tx(th2, INITIATOR, F.growTerms(INITIAL.hash(), GROWN)))))));
        m.put(
                "propose-while-growth-pending",
                new Scenario(
                        "a proposal while the growth's parts wait",
                        chain(B1, B2, g3, F.forge(t3, List.of(F.propose(t3, 2, A, LOSS_A))))));
        ChainTip t4 = F.connect(t3, g4);
        var frozen = ModelGrowth.plan(LifelongFixture.SPEC, GROWN.spec()).frozen();
        Model masked = LifelongFixture.train(GROWN, 15, 60, frozen);
        Model naive = LifelongFixture.train(GROWN, 15, 60);
        F.put(masked);
        F.put(naive);
        m.put(
                "grown-propose-new-units-only",
                new Scenario(
                        "a proposal on the grown model that trained the new units",
                        chain(
                                B1,
                                B2,
                                g3,
                                g4,
                                F.mine(
                                        t4,
                                        List.of(F.tx(
                                                t4,
                                                2,
                                                new ProposeUpdate(
                                                        1, GROWN.hash(), masked.hash(), F.loss(t4, masked))))))));
        long naiveClaim = Math.min(F.loss(t4, naive), LifelongFixture.model(t4).loss() - 1);
        m.put(
                "grown-propose-old-weights-trained",
                new Scenario(
                        "a proposal that fine-tuned the whole grown network",
                        chain(
                                B1,
                                B2,
                                g3,
                                g4,
                                F.forge(
                                        t4,
                                        List.of(F.tx(
                                                t4,
                                                2,
                                                new ProposeUpdate(1, GROWN.hash(), naive.hash(), naiveClaim)))))));
        List<Block> missed = new ArrayList<>(List.of(B1, B2, g3));
        ChainTip t5 = F.extend(t3, missed, List.of(List.of(), List.of()));
        missed.add(F.mine(t5, List.of(F.propose(t5, 2, A, LOSS_A))));
        m.put(
                "grow-reveal-missed",
                new Scenario(
                        "the growth's part is not revealed by height 5: the growth is dropped"
                                + " and proposals on the old model are accepted again",
                        missed));
        GrowModel wrongParent = F.growTerms(A.hash(), GROWN);
        m.put(
                "grow-wrong-parent",
                new Scenario(
                        "the growth names weights that are not current",
                        chain(B1, B2, F.forge(T2, List.of(F.tx(T2, INITIATOR, wrongParent))))));
    }
}
