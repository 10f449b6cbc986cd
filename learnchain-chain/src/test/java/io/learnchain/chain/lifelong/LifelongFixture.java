package io.learnchain.chain.lifelong;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.lifelong.FixedPointLoss;
import io.learnchain.learn.lifelong.ModelGrowth;
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
import java.util.function.IntPredicate;

/**
 * A small lifelong world on the dev genesis: a 3-class model of 8 inputs (account 1 deploys it),
 * 4 old test parts (the chain picks 2), epochs of 2 blocks, a reveal window of 2 blocks; a growth to
 * 4 classes and 4 more hidden neurons with 3 new test parts (the chain picks 1). Every blob the
 * scenarios use is put here (and so into the shared vector blobs); a blob made but not put is missing.
 */
public final class LifelongFixture {
    public static final ModelSpec SPEC = ModelSpec.parse("input 8 | dense 16 | relu | dense 3");
    public static final ModelSpec GROWN = ModelGrowth.grownSpec(SPEC, 4, 4);
    public static final int INITIATOR = 1;
    public static final long THRESHOLD = 5_000_000L;
    public static final int EPOCH = 2;
    public static final int WINDOW = 2;
    static final Dataset ALL = teacher("synthetic", 900, 21);
    public static final Dataset OLD_TRAIN = only(ALL, 0, 600, 3, "old/train");
    public static final Dataset NEW_TRAIN = only(ALL, 0, 600, 4, "new/train");
    public static final List<Dataset> OLD_PARTS = DatasetShards.split(only(ALL, 600, 900, 3, "old/test"), 4, 5);
    public static final List<Dataset> NEW_PARTS = DatasetShards.split(onlyClass(ALL, 600, 900, 3, "new/test"), 3, 6);
    public static final Model INITIAL = Initializer.initialize(SPEC, 1);

    private final Map<Hash, byte[]> blobs = new LinkedHashMap<>();

    public LifelongFixture() {
        put(INITIAL);
        OLD_PARTS.forEach(d -> put(DatasetCodec.encode(d)));
        NEW_PARTS.forEach(d -> put(DatasetCodec.encode(d)));
    }

    public Hash put(byte[] blob) {
        Hash h = Hash.sha256(blob);
        blobs.put(h, blob);
        return h;
    }

    public Hash put(Model m) {
        return put(m.canonicalBytes());
    }

    public Map<Hash, byte[]> blobs() {
        return blobs;
    }

    public LifelongEnv env() {
        return new LifelongEnv(BlobView.of(blobs), ComputePool.serial());
    }

    public ValidationContext context() {
        return ChainFixture.CONTEXT.withBlobs(BlobView.of(blobs));
    }

    public static List<Hash> hashes(List<Dataset> parts) {
        return parts.stream().map(DatasetCodec::hash).toList();
    }

    public DeployModel deployTerms(Hash weights, String spec, long threshold) {
        return new DeployModel(
                spec, weights, DeployModel.LOSS_SOFTMAX_CROSS_ENTROPY, threshold, 2, EPOCH, WINDOW, hashes(OLD_PARTS));
    }

    public DeployModel deployTerms() {
        return deployTerms(INITIAL.hash(), SPEC.text(), THRESHOLD);
    }

    /** {@code payload} signed by account {@code from} with its next nonce on {@code parent} plus {@code offset}. */
    public SignedTransaction tx(ChainTip parent, int from, int offset, Payload payload) {
        long nonce = parent.state().account(ChainFixture.address(from)).nonce() + offset;
        return SignedTransaction.sign(
                new TxBody(
                        ChainFixture.RULES.chainId(), ChainFixture.KEYS[from].publicKey(), nonce, Amount.ZERO, payload),
                ChainFixture.KEYS[from]);
    }

    public SignedTransaction tx(ChainTip parent, int from, Payload payload) {
        return tx(parent, from, 0, payload);
    }

    /** A valid block with exactly {@code txs} (the assembler must keep them all). */
    public Block mine(ChainTip parent, List<SignedTransaction> txs) {
        var template = BlockAssembler.assemble(
                parent,
                txs,
                ChainFixture.KEYS[3].publicKey(),
                ChainFixture.address(3),
                parent.timestamp() + 10,
                ChainFixture.RULES,
                SignatureVerifier.ED25519,
                env());
        if (!template.skipped().isEmpty()) {
            throw new AssertionError("the assembler skipped " + template.skipped());
        }
        return BlockAssembler.mine(
                        parent,
                        txs,
                        ChainFixture.KEYS[3],
                        parent.timestamp() + 10,
                        ChainFixture.RULES,
                        1_000_000,
                        env())
                .orElseThrow();
    }

    /** A block with exactly {@code txs} whatever they do (its state root is not checked before they fail). */
    public Block forge(ChainTip parent, List<SignedTransaction> txs) {
        return ChainFixture.forge(parent, ChainFixture.RULES.blockSubsidy(), txs, Hash.ZERO);
    }

    public ChainTip connect(ChainTip parent, Block block) {
        Verdict v = BlockProcessor.apply(parent, block, ChainFixture.RULES, context());
        if (!(v instanceof Verdict.Valid valid)) {
            throw new AssertionError("expected a valid block, got " + v);
        }
        return valid.tip();
    }

    /** A chain of blocks, each holding one of {@code bodies}, from {@code parent}; the blocks are added to {@code out}. */
    public ChainTip extend(ChainTip parent, List<Block> out, List<List<SignedTransaction>> bodies) {
        ChainTip tip = parent;
        for (List<SignedTransaction> body : bodies) {
            Block b = mine(tip, body);
            out.add(b);
            tip = connect(tip, b);
        }
        return tip;
    }

    public static LifelongModel model(ChainTip tip) {
        return tip.state().lifelong().get(1).orElseThrow();
    }

    /** The loss of {@code m} on model 1's revealed parts at {@code tip}. */
    public long loss(ChainTip tip, Model m) {
        List<Dataset> parts = new ArrayList<>();
        for (Hash h : model(tip).lossParts()) {
            parts.add(BlobView.of(blobs).dataset(h).orElseThrow());
        }
        return FixedPointLoss.of(m, parts, ComputePool.serial());
    }

    /** {@code start} trained on the old classes (or, for a grown model, all classes with the old part frozen). */
    public static Model train(Model start, long seed, int steps, FrozenParameters frozen) {
        Dataset data = start.spec().outputSize() == 3 ? OLD_TRAIN : NEW_TRAIN;
        TrainingRecord rec = new TrainingRecord(
                new TrainingStart.FromParent(start.hash()), Optimizer.Adam.of(0.02f), 16, steps, seed);
        return new Trainer(ComputePool.serial()).train(TrainingJob.continuing(start.spec(), rec, data, start), frozen);
    }

    public static Model train(Model start, long seed, int steps) {
        return train(start, seed, steps, FrozenParameters.none(start.parameterCount()));
    }

    public SignedTransaction propose(ChainTip parent, int from, Model next, long claimed) {
        return tx(parent, from, new ProposeUpdate(1, model(parent).weights(), next.hash(), claimed));
    }

    public SignedTransaction reveal(ChainTip parent) {
        return tx(parent, INITIATOR, new RevealParts(1));
    }

    public GrowModel growTerms(Hash parent, Model grown) {
        return new GrowModel(1, parent, grown.spec().text(), grown.hash(), THRESHOLD, 1, hashes(NEW_PARTS));
    }

    /** Inputs N(0, 1); label = argmax of a fixed random 4 x 8 linear map. */
    static Dataset teacher(String name, int count, long seed) {
        SplitMix64 t = new SplitMix64(7);
        float[] w = new float[4 * 8];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) t.nextGaussian();
        }
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[count * 8];
        int[] y = new int[count];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < 8; i++) {
                x[s * 8 + i] = (float) rng.nextGaussian();
            }
            float best = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                float v = 0;
                for (int i = 0; i < 8; i++) {
                    v += w[c * 8 + i] * x[s * 8 + i];
                }
                if (v > best) {
                    best = v;
                    y[s] = c;
                }
            }
        }
        return new Dataset(name, new int[] {8}, 4, x, y);
    }

    /** Samples [from, to) of {@code d} whose label is below {@code classes}, as a data set of that many classes. */
    static Dataset only(Dataset d, int from, int to, int classes, String name) {
        return filter(d, from, to, classes, name, l -> l < classes);
    }

    static Dataset onlyClass(Dataset d, int from, int to, int label, String name) {
        return filter(d, from, to, label + 1, name, l -> l == label);
    }

    private static Dataset filter(Dataset d, int from, int to, int classes, String name, IntPredicate keep) {
        List<Integer> idx = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (keep.test(d.labels()[i])) {
                idx.add(i);
            }
        }
        float[] x = new float[idx.size() * 8];
        int[] y = new int[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            System.arraycopy(d.features(), idx.get(k) * 8, x, k * 8, 8);
            y[k] = d.labels()[idx.get(k)];
        }
        return new Dataset(name, new int[] {8}, classes, x, y);
    }
}
