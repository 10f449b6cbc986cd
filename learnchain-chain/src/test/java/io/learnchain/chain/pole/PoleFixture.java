package io.learnchain.chain.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.Signature;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.EngineProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WitnessedCommitment;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import io.learnchain.learn.train.CheckpointedRun;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small pole chain for tests and vectors: a synthetic 4-class task on 8 features (a fixed random
 * linear teacher), a 212-parameter MLP, 256 training samples and 4 test shards of 64, posted by
 * dev account 1; accounts 3 and 2 mine. Everything is seeded: the same blocks on every run.
 */
public final class PoleFixture {
    public static final ModelSpec SPEC =
            ModelSpec.of(Shape.of(8), new LayerSpec.Dense(16), new LayerSpec.Relu(), new LayerSpec.Dense(4));
    public static final ModelSpec OTHER_SPEC = ModelSpec.of(Shape.of(8), new LayerSpec.Dense(4));
    public static final Dataset TRAIN = synthetic("synthetic/train", 256, 11);
    public static final List<Dataset> SHARDS = DatasetShards.split(synthetic("synthetic/test", 256, 12), 4, 99);
    public static final byte[] TRAIN_BLOB = DatasetCodec.encode(TRAIN);
    public static final Hash TRAIN_HASH = Hash.sha256(TRAIN_BLOB);
    public static final List<byte[]> SHARD_BLOBS =
            SHARDS.stream().map(DatasetCodec::encode).toList();
    public static final List<Hash> SHARD_HASHES =
            SHARD_BLOBS.stream().map(Hash::sha256).toList();
    public static final Amount REWARD = Amount.ofCoins(10);
    public static final int REQUESTER = 1;
    public static final int MINER = 3;
    public static final int OTHER_MINER = 2;
    public static final long MAX_PHASE = 600;

    public final Genesis genesis;
    public final ChainRules rules;
    public final ValidationContext syncContext;
    private final Map<Hash, byte[]> blobs = new LinkedHashMap<>();
    private final Map<Hash, MinedWork> work = new java.util.HashMap<>();

    public PoleFixture() {
        this(ChainFixture.GENESIS);
    }

    public PoleFixture(Genesis genesis) {
        this.genesis = genesis;
        this.rules = ChainRules.of(genesis);
        this.syncContext = ChainFixture.CONTEXT;
        put(TRAIN_BLOB);
        SHARD_BLOBS.forEach(this::put);
    }

    /** The dev genesis with a model size limit of {@code maxModelBytes}. */
    public static Genesis genesisWithModelLimit(long maxModelBytes) {
        ProtocolLimits d = ProtocolLimits.DEFAULT;
        Genesis g = ChainFixture.GENESIS;
        return new Genesis(
                g.chainName(),
                g.engine(),
                g.targetBlockSeconds(),
                g.initialDifficulty(),
                g.premine(),
                new ProtocolLimits(
                        d.maxBlockBytes(), d.maxTransactions(), maxModelBytes, d.maxBlobBytes(), d.maxReorgDepth()),
                g.blockSubsidy(),
                g.timestamp());
    }

    /** Inputs from N(0, 1); label = argmax of a fixed random 4 x 8 linear map (learnable, not trivial). */
    static Dataset synthetic(String name, int count, long seed) {
        SplitMix64 teacherRng = new SplitMix64(7);
        float[] teacher = new float[4 * 8];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = (float) teacherRng.nextGaussian();
        }
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[count * 8];
        int[] y = new int[count];
        for (int s = 0; s < count; s++) {
            float best = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < 8; i++) {
                x[s * 8 + i] = (float) rng.nextGaussian();
            }
            for (int c = 0; c < 4; c++) {
                float v = 0;
                for (int i = 0; i < 8; i++) {
                    v += teacher[c * 8 + i] * x[s * 8 + i];
                }
                if (v > best) {
                    best = v;
                    y[s] = c;
                }
            }
        }
        return new Dataset(name, new int[] {8}, 4, x, y);
    }

    public Hash put(byte[] blob) {
        Hash h = Hash.sha256(blob);
        blobs.put(h, blob);
        return h;
    }

    public Map<Hash, byte[]> blobs() {
        return blobs;
    }

    /** The sync context with this fixture's blobs. */
    public ValidationContext context() {
        return syncContext.withBlobs(BlobView.of(blobs));
    }

    public static KeyPair key(int i) {
        return ChainFixture.KEYS[i];
    }

    public SignedTransaction tx(int from, long nonce, Amount fee, Payload payload) {
        return SignedTransaction.sign(
                new TxBody(rules.chainId(), key(from).publicKey(), nonce, fee, payload), key(from));
    }

    public PostTask task(int rounds, Amount reward, long expectedSeconds, int minBp) {
        return new PostTask(
                SPEC.text(), TRAIN_HASH, minBp, rounds, reward, expectedSeconds, 0, MAX_PHASE, SHARD_HASHES);
    }

    public SignedTransaction postTask(long nonce) {
        return tx(REQUESTER, nonce, Amount.ZERO, task(3, REWARD, 60, 5000));
    }

    public SignedTransaction cancel(int from, long nonce, long taskId) {
        return tx(from, nonce, Amount.ZERO, new CancelTask(taskId));
    }

    public SignedTransaction reveal(ChainTip parent, long nonce) {
        Round.Learning r = learning(parent);
        return tx(
                REQUESTER,
                nonce,
                Amount.ZERO,
                new RevealShard(r.taskId(), parent.hash(), r.shardIndex(), r.shardHash(), List.of()));
    }

    /**
     * {@code reveal} signed again by its sender with {@code commitments} appended to its list of
     * witnessed commitments (those it does not list yet): the requester received them before it
     * revealed. The sender must be one of the fixture's keys.
     */
    public static SignedTransaction listing(SignedTransaction reveal, Commitment... commitments) {
        RevealShard r = (RevealShard) reveal.body().payload();
        List<WitnessedCommitment> list = new ArrayList<>(r.witnessed());
        for (Commitment c : commitments) {
            if (!r.lists(c.id())) {
                list.add(new WitnessedCommitment(c.id(), c.modelHash()));
            }
        }
        return withList(reveal, list);
    }

    /** {@code reveal} signed again by its sender with an empty list of witnessed commitments. */
    public static SignedTransaction unlisted(SignedTransaction reveal) {
        return withList(reveal, List.of());
    }

    private static SignedTransaction withList(SignedTransaction reveal, List<WitnessedCommitment> list) {
        RevealShard r = (RevealShard) reveal.body().payload();
        TxBody b = reveal.body();
        return SignedTransaction.sign(
                new TxBody(
                        b.chainId(),
                        b.sender(),
                        b.nonce(),
                        b.fee(),
                        new RevealShard(r.taskId(), r.previous(), r.shardIndex(), r.shardHash(), list, r.roundKeys())),
                keyOf(b.sender()));
    }

    private static KeyPair keyOf(io.learnchain.base.crypto.PublicKey key) {
        return java.util.Arrays.stream(ChainFixture.KEYS)
                .filter(k -> k.publicKey().equals(key))
                .findFirst()
                .orElseThrow();
    }

    /** The commitment {@code block} carries. */
    public Commitment commitmentOf(Block block) {
        return Commitment.of(rules.chainId(), block);
    }

    public Round.Learning learning(ChainTip parent) {
        return (Round.Learning) RoundDriver.round(parent, rules);
    }

    /** An idle block with {@code txs}, mined by account 3, 10 s after the parent. */
    public Block idle(ChainTip parent, List<SignedTransaction> txs) {
        return BlockAssembler.mine(parent, txs, key(MINER), parent.timestamp() + 10, rules, 1_000_000, env())
                .orElseThrow();
    }

    public ChainTip connect(ChainTip parent, Block block, ValidationContext context) {
        Verdict v = BlockProcessor.apply(parent, block, rules, context);
        if (!(v instanceof Verdict.Valid valid)) {
            throw new AssertionError("expected a valid block, got " + v);
        }
        return valid.tip();
    }

    public ChainTip connect(ChainTip parent, Block block) {
        return connect(parent, block, context());
    }

    /** Tip after block 1: the requester's task posted (nonce 0) in an idle block. */
    public ChainTip withTask() {
        return connect(ChainTip.genesis(genesis), idle(ChainTip.genesis(genesis), List.of(postTask(0))));
    }

    /**
     * A record for {@code miner} on {@code parent} with the chain's data-order seed; a seed start is
     * replaced by the chain's initialisation seed for (parent, miner, nonce).
     */
    public static TrainingRecord record(ChainTip parent, int miner, long orderNonce, long steps, TrainingStart start) {
        long seed = TaskRules.dataOrderSeed(parent.hash(), key(miner).publicKey(), orderNonce);
        TrainingStart canonical = start instanceof TrainingStart.FromSeed
                ? new TrainingStart.FromSeed(
                        TaskRules.initSeed(parent.hash(), key(miner).publicKey(), orderNonce))
                : start;
        return new TrainingRecord(canonical, Optimizer.Adam.of(0.02f), 32, steps, seed);
    }

    /** Trains the honest model of {@code record} for the round on {@code parent}, keeping its checkpoints. */
    public Model train(ChainTip parent, TrainingRecord record, Model start) {
        Round.Learning r = learning(parent);
        CheckpointedRun run = CheckpointedRun.complete(
                ComputePool.serial(),
                new TrainingJob(
                        SPEC, record, r.sml().relabel(TRAIN), InputTransform.IDENTITY, start, TrainingListener.NONE));
        Model m = run.model();
        put(m.canonicalBytes());
        work.put(m.hash(), new MinedWork(record, run.checkpoints()));
        return m;
    }

    /** Keeps {@code w} as the work behind its model (an adversary's trace) and stores the model blob. */
    public Model register(MinedWork w) {
        put(w.model().canonicalBytes());
        work.put(w.model().hash(), w);
        return w.model();
    }

    /**
     * The work a commitment to {@code modelHash} under {@code record} carries: the checkpoints of the
     * run that trained it here, or, for a model this fixture did not train under that record, a
     * made-up trace (every checkpoint the final model with a zero state) that no segment replays.
     */
    public MinedWork workOf(Hash modelHash, TrainingRecord record) {
        MinedWork w = work.get(modelHash);
        if (w != null && w.record().equals(record)) {
            return w;
        }
        Model model;
        try {
            model = Model.fromCanonicalBytes(blobs.get(modelHash));
        } catch (RuntimeException e) { // absent, damaged or another spec: the trace is made up anyway
            model = io.learnchain.learn.train.Initializer.initialize(SPEC, 0);
        }
        return WorkForgery.none(record, model, model);
    }

    /**
     * Completes {@code c} on {@code reveal} with {@code c}'s commitment added to the reveal's list (the
     * requester received it in time), opening the challenged checkpoints (put in the blob store).
     */
    public Block complete(CandidateBlockBuilder.Committed c, SignedTransaction reveal, long score, int miner) {
        return completeAsIs(c, listing(reveal, c.commitment()), score, miner);
    }

    /** Completes {@code c} on exactly {@code reveal}, which may not list {@code c}'s commitment. */
    public Block completeAsIs(CandidateBlockBuilder.Committed c, SignedTransaction reveal, long score, int miner) {
        MinedWork w = workOf(c.commitment().modelHash(), c.record());
        List<Hash> openings = new ArrayList<>();
        for (byte[] b : w.openings(c.challengedSegments(reveal))) {
            openings.add(put(b));
        }
        return c.complete(
                reveal, score, openings, c.parent().timestamp() + 10, key(miner), rules, SignatureVerifier.ED25519);
    }

    public int score(ChainTip parent, Model model) {
        Round.Learning r = learning(parent);
        return new Evaluator(ComputePool.serial()).correctCount(model, r.sml().relabel(SHARDS.get(r.shardIndex())));
    }

    /** A pole block committing {@code modelHash} with {@code record}, claiming {@code score}. */
    public Block pole(
            ChainTip parent,
            int miner,
            Hash modelHash,
            TrainingRecord record,
            long orderNonce,
            long score,
            List<SignedTransaction> txs,
            SignedTransaction reveal) {
        CandidateBlockBuilder.Committed c = commit(parent, miner, modelHash, record, orderNonce, txs);
        return complete(c, reveal, score, miner);
    }

    public CandidateBlockBuilder.Committed commit(
            ChainTip parent,
            int miner,
            Hash modelHash,
            TrainingRecord record,
            long orderNonce,
            List<SignedTransaction> txs) {
        return CandidateBlockBuilder.commit(
                parent,
                rules,
                learning(parent),
                key(miner),
                txs,
                modelHash,
                record,
                workOf(modelHash, record).proof(),
                orderNonce,
                SignatureVerifier.ED25519);
    }

    /** The honest block of {@code miner} on {@code parent}: trained {@code steps} steps from seed {@code orderNonce}. */
    public Honest honest(ChainTip parent, int miner, long orderNonce, long steps, long requesterNonce) {
        TrainingRecord rec = record(parent, miner, orderNonce, steps, new TrainingStart.FromSeed(orderNonce));
        Model m = train(parent, rec, null);
        CandidateBlockBuilder.Committed c = commit(parent, miner, m.hash(), rec, orderNonce, List.of());
        Block b = complete(c, reveal(parent, requesterNonce), score(parent, m), miner);
        return new Honest(b, m, c);
    }

    public record Honest(Block block, Model model, CandidateBlockBuilder.Committed committed) {}

    /** {@code block} with its pole proof replaced and the header signed again by {@code miner}. */
    public static Block withProof(Block block, PoleProof proof, int miner) {
        BlockHeader h = block.header().withProof(proof);
        return new Block(h.signedBy(key(miner)), block.transactions());
    }

    public static PoleProof proof(Block block) {
        return (PoleProof) block.header().proof();
    }

    public static Address address(int i) {
        return ChainFixture.address(i);
    }

    static List<SignedTransaction> none() {
        return new ArrayList<>();
    }

    /**
     * A pole block with exactly {@code body} (coinbase first, reveal last if any), the commitment
     * signed over it, state root zero (for blocks that must fail before the state root check).
     */
    public Block forgePole(
            ChainTip parent,
            int miner,
            Hash modelHash,
            TrainingRecord record,
            long orderNonce,
            long score,
            List<Transaction> body) {
        Round.Learning r = learning(parent);
        MinedWork mined = workOf(modelHash, record);
        Commitment c = new Commitment(
                rules.chainId(),
                parent.height().next(),
                parent.hash(),
                r.taskId(),
                key(miner).publicKey(),
                modelHash,
                WorkProof.claimHash(record, mined.proof().checkpoints()),
                Commitment.committedBodyRoot(body));
        if (body.size() > 1
                && body.getLast() instanceof SignedTransaction last
                && last.body().payload() instanceof RevealShard
                && java.util.Arrays.stream(ChainFixture.KEYS)
                        .anyMatch(k -> k.publicKey().equals(last.body().sender()))) {
            body = new ArrayList<>(body); // the requester received this commitment in time, and no other
            body.set(body.size() - 1, listing(unlisted(last), c));
        }
        List<Hash> openings = new ArrayList<>();
        if (body.size() > 1) { // open what the last transaction (the reveal, if it is one) challenges
            int[] challenged = WorkChallenge.segments(
                    WorkChallenge.seed(c.id(), body.getLast().hash()),
                    mined.proof().segments());
            for (byte[] b : mined.openings(challenged)) {
                openings.add(put(b));
            }
        }
        PoleProof proof = new PoleProof(
                r.taskId(),
                modelHash,
                record,
                mined.proof().withOpenings(openings),
                orderNonce,
                r.shardIndex(),
                r.shardHash(),
                score,
                c.sign(key(miner)));
        BlockHeader h = new BlockHeader(
                BlockHeader.CURRENT_VERSION,
                parent.height().next(),
                parent.hash(),
                parent.timestamp() + 10,
                key(miner).publicKey(),
                Block.txRoot(body),
                Hash.ZERO,
                proof,
                Signature.NONE);
        return new Block(h.signedBy(key(miner)), body);
    }

    /** A hash-work block with {@code proof}, exactly {@code body}, {@code timestamp}, state root zero, mined by account 3. */
    public Block forgeWork(ChainTip parent, EngineProof proof, long timestamp, List<Transaction> body) {
        BlockHeader h = new BlockHeader(
                BlockHeader.CURRENT_VERSION,
                parent.height().next(),
                parent.hash(),
                timestamp,
                key(MINER).publicKey(),
                Block.txRoot(body),
                Hash.ZERO,
                proof,
                Signature.NONE);
        BlockHeader sealed = IdleSealer.seal(h, 0, 1_000_000).orElseThrow();
        return new Block(sealed.signedBy(key(MINER)), body);
    }

    public Coinbase coinbase(ChainTip parent, Amount amount) {
        return new Coinbase(parent.height().next(), address(MINER), amount);
    }

    /** A forfeit block of the round on {@code parent} with {@code txs}, at the deadline. */
    /**
     * A block on {@code parent} carrying exactly {@code txs} whatever the round: a forfeit block
     * while a task is open, else an idle one; built without dropping transactions that fail (to
     * test how validation judges them).
     */
    public Block forfeitOrIdle(ChainTip parent, List<SignedTransaction> txs) {
        if (RoundDriver.round(parent, rules) instanceof Round.Learning r) {
            Coinbase cb = coinbase(parent, rules.blockSubsidy());
            List<Transaction> body = new ArrayList<>();
            body.add(cb);
            body.addAll(txs);
            return forgeWork(
                    parent,
                    new ForfeitProof(r.taskId(), r.forfeitDifficulty(), 0),
                    Math.max(parent.timestamp() + 10, r.forfeitNotBefore()),
                    body);
        }
        Block idle = idle(parent, List.of());
        List<Transaction> body = new ArrayList<>(idle.transactions());
        body.addAll(txs);
        return forgeWork(parent, idle.header().proof(), parent.timestamp() + 10, body);
    }

    public Block forfeit(ChainTip parent, List<SignedTransaction> txs) {
        return CandidateBlockBuilder.forfeit(
                        parent,
                        rules,
                        learning(parent),
                        key(MINER),
                        txs,
                        parent.timestamp(),
                        SignatureVerifier.ED25519,
                        1_000_000,
                        env())
                .orElseThrow();
    }

    /** What transactions that need blobs (lifelong kinds, WorkFraud) read: this fixture's store. */
    public io.learnchain.chain.lifelong.LifelongEnv env() {
        return new io.learnchain.chain.lifelong.LifelongEnv(BlobView.of(blobs), ComputePool.serial());
    }
}
