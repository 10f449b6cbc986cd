package io.learnchain.chain.tx;

import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.IpfeGroup;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;
import java.util.Optional;

/**
 * Canonical transaction encoding, version 1:
 * <pre>
 *   u8 version=1, u8 kind (0 coinbase, 1 signed)
 *   coinbase: i64 height, address(20) recipient, i64 amount
 *   signed:   hash(32) chainId, key(32) sender, i64 nonce, i64 fee, u8 payload tag, payload, signature(64)
 *   transfer (tag 1): address(20) to, i64 amount
 *   post task (tag 2): string spec, hash trainingSet, u32 minTrainingAccuracyBp, u32 rounds, i64 rewardPerRound,
 *                      i64 expectedSeconds, i64 minPhaseSeconds, i64 maxPhaseSeconds, list(hash) shardHashes
 *   post private task (tag 6): the fields of tag 2, then u32 height, u32 width, u32 pool, u32 levels (the
 *                      quantizer), u32 k, u32 weightRange (PROTOCOL.md 3.9)
 *   cancel task (tag 3): i64 taskId
 *   reveal shard (tag 4): i64 taskId, hash previous, u32 shardIndex, hash shardHash,
 *                         list(hash id, hash modelHash) witnessed
 *   reveal shard with round keys (tag 7): the fields of tag 4, then list(32-byte scalar) roundKeys (PROTOCOL.md 3.9)
 *   work fraud (tag 5): i64 taskId, i64 height, training record, list(hash) checkpoints, u32 segment, hash opening
 *   work fraud with round keys (tag 8): the fields of tag 5, then list(32-byte scalar) roundKeys (PROTOCOL.md 3.8, 3.9)
 *   deploy model (tag 16): string spec, hash initialWeights, u8 lossFunction, i64 growthThreshold,
 *                          u32 selectCount, u32 epochBlocks, u32 revealWindow, list(hash) partHashes
 *   reveal parts (tag 17): i64 modelId
 *   propose update (tag 18): i64 modelId, hash parent, hash weights, i64 claimedLoss
 *   challenge (tag 19): i64 modelId, bytes claim (a whole signed ProposeUpdate transaction)
 *   grow model (tag 20): i64 modelId, hash parent, string grownSpec, hash grownWeights, i64 growthThreshold,
 *                        u32 selectCount, list(hash) partHashes
 * </pre>
 */
public final class TransactionCodec implements Codec<Transaction> {
    public static final TransactionCodec INSTANCE = new TransactionCodec();
    public static final int VERSION = 1;
    /**
     * No version-1 transaction but a reveal or a keyed fraud proof is larger than this; decoders of
     * lists use it to bound counts.
     */
    public static final int MAX_BYTES = 4096;
    /**
     * A RevealShard may be larger: {@link #MAX_BYTES} plus its list of witnessed commitments (and,
     * under {@link RevealShard#KEYED_TAG}, {@link #MAX_ROUND_KEYS_BYTES} more).
     */
    public static final int MAX_REVEAL_BYTES = MAX_BYTES + RevealShard.MAX_WITNESSED * WitnessedCommitment.BYTES;
    /** What a private round's keys add to a reveal (or a fraud proof) at most. */
    public static final int MAX_ROUND_KEYS_BYTES = 4 + RevealShard.MAX_KEYS * IpfeGroup.SCALAR_BYTES;
    /** The smallest encoding of any transaction (a coinbase), for list count checks. */
    public static final int MIN_BYTES = 2 + 8 + 20 + 8;

    private static final int KIND_COINBASE = 0;
    private static final int KIND_SIGNED = 1;

    private TransactionCodec() {}

    @Override
    public void write(Transaction tx, CanonicalWriter out) {
        out.u8(VERSION);
        switch (tx) {
            case Coinbase c ->
                out.u8(KIND_COINBASE).height(c.height()).address(c.recipient()).amount(c.amount());
            case SignedTransaction s -> {
                out.u8(KIND_SIGNED);
                writeBody(s.body(), out);
                out.signature(s.signature());
            }
        }
    }

    static void writeBody(TxBody body, CanonicalWriter out) {
        out.hash(body.chainId()).publicKey(body.sender()).i64(body.nonce()).amount(body.fee());
        writePayload(body.payload(), out);
    }

    /** The payload's tag and fields (also part of the task state's canonical bytes). */
    public static void writePayload(Payload payload, CanonicalWriter out) {
        out.u8(payload.tag());
        switch (payload) {
            case Transfer t -> out.address(t.to()).amount(t.amount());
            case PostTask p -> {
                out.string(p.modelSpec())
                        .hash(p.trainingSet())
                        .i32(p.minTrainingAccuracyBp())
                        .i32(p.rounds())
                        .amount(p.rewardPerRound())
                        .i64(p.expectedSeconds())
                        .i64(p.minPhaseSeconds())
                        .i64(p.maxPhaseSeconds())
                        .list(p.shardHashes(), (h, w) -> w.hash(h));
                p.privacy().ifPresent(spec -> writeProjection(spec, out));
            }
            case CancelTask c -> out.i64(c.taskId());
            case RevealShard r -> {
                out.i64(r.taskId())
                        .hash(r.previous())
                        .i32(r.shardIndex())
                        .hash(r.shardHash())
                        .list(r.witnessed(), (w, o) -> o.hash(w.id()).hash(w.modelHash()));
                if (!r.roundKeys().isEmpty()) {
                    out.list(r.roundKeys(), (k, o) -> o.raw(k.encode()));
                }
            }
            case WorkFraud f -> {
                out.i64(f.taskId()).height(f.height());
                TrainingRecordCodec.INSTANCE.write(f.record(), out);
                out.list(f.checkpoints(), (h, w) -> w.hash(h)).i32(f.segment()).hash(f.opening());
                if (!f.roundKeys().isEmpty()) {
                    out.list(f.roundKeys(), (k, o) -> o.raw(k.encode()));
                }
            }
            case DeployModel d ->
                out.string(d.modelSpec())
                        .hash(d.initialWeights())
                        .u8(d.lossFunction())
                        .i64(d.growthThreshold())
                        .i32(d.selectCount())
                        .i32(d.epochBlocks())
                        .i32(d.revealWindow())
                        .list(d.partHashes(), (h, w) -> w.hash(h));
            case RevealParts r -> out.i64(r.modelId());
            case ProposeUpdate p ->
                out.i64(p.modelId()).hash(p.parent()).hash(p.weights()).i64(p.claimedLoss());
            case Challenge c -> out.i64(c.modelId()).bytes(INSTANCE.encode(c.claim()));
            case GrowModel g ->
                out.i64(g.modelId())
                        .hash(g.parent())
                        .string(g.grownSpec())
                        .hash(g.grownWeights())
                        .i64(g.growthThreshold())
                        .i32(g.selectCount())
                        .list(g.partHashes(), (h, w) -> w.hash(h));
        }
    }

    @Override
    public Transaction read(CanonicalReader in) {
        int start = in.position();
        in.version(VERSION, "transaction");
        int kind = in.u8();
        Transaction tx = switch (kind) {
            case KIND_COINBASE -> in.guard(() -> new Coinbase(in.height(), in.address(), in.amount()));
            case KIND_SIGNED -> in.guard(() -> new SignedTransaction(readBody(in), in.signature()));
            default -> throw new CodecException("unknown transaction kind " + kind);
        };
        int limit = maxBytes(tx);
        if (in.position() - start > limit) {
            throw new CodecException("transaction of " + (in.position() - start) + " bytes exceeds " + limit);
        }
        return tx;
    }

    /** The largest encoding {@code tx}'s kind may have. */
    public static int maxBytes(Transaction tx) {
        if (tx instanceof SignedTransaction s && s.body().payload() instanceof RevealShard r) {
            return r.roundKeys().isEmpty() ? MAX_REVEAL_BYTES : MAX_REVEAL_BYTES + MAX_ROUND_KEYS_BYTES;
        }
        if (tx instanceof SignedTransaction s
                && s.body().payload() instanceof WorkFraud f
                && !f.roundKeys().isEmpty()) {
            return MAX_BYTES + MAX_ROUND_KEYS_BYTES;
        }
        return MAX_BYTES;
    }

    private static TxBody readBody(CanonicalReader in) {
        var chainId = in.hash();
        var sender = in.publicKey();
        long nonce = in.nonNegativeLong("nonce");
        var fee = in.amount();
        Payload payload = readPayload(in);
        return new TxBody(chainId, sender, nonce, fee, payload);
    }

    /** Reads what {@link #writePayload} wrote. */
    public static Payload readPayload(CanonicalReader in) {
        int tag = in.u8();
        return switch (tag) {
            case Transfer.TAG -> new Transfer(in.address(), in.amount());
            case PostTask.TAG -> readPostTask(in, false);
            case PostTask.PRIVATE_TAG -> readPostTask(in, true);
            case CancelTask.TAG -> in.guard(() -> new CancelTask(in.i64()));
            case RevealShard.TAG -> readReveal(in, false);
            case RevealShard.KEYED_TAG -> readReveal(in, true);
            case WorkFraud.TAG -> readWorkFraud(in, false);
            case WorkFraud.KEYED_TAG -> readWorkFraud(in, true);
            case DeployModel.TAG -> readDeploy(in);
            case RevealParts.TAG -> in.guard(() -> new RevealParts(in.i64()));
            case ProposeUpdate.TAG -> in.guard(() -> new ProposeUpdate(in.i64(), in.hash(), in.hash(), in.i64()));
            case Challenge.TAG -> readChallenge(in);
            case GrowModel.TAG -> readGrow(in);
            default -> throw new CodecException("unknown transaction payload tag " + tag);
        };
    }

    private static RevealShard readReveal(CanonicalReader in, boolean keyed) {
        long taskId = in.i64();
        var previous = in.hash();
        int shardIndex = in.i32();
        var shardHash = in.hash();
        var witnessed = in.list(
                RevealShard.MAX_WITNESSED, WitnessedCommitment.BYTES, r -> new WitnessedCommitment(r.hash(), r.hash()));
        List<FunctionalKey> keys =
                keyed ? in.list(RevealShard.MAX_KEYS, IpfeGroup.SCALAR_BYTES, TransactionCodec::readKey) : List.of();
        if (keyed && keys.isEmpty()) {
            throw new CodecException("a reveal under tag " + RevealShard.KEYED_TAG + " carries at least one round key");
        }
        return in.guard(() -> new RevealShard(taskId, previous, shardIndex, shardHash, witnessed, keys));
    }

    private static FunctionalKey readKey(CanonicalReader in) {
        byte[] raw = in.raw(IpfeGroup.SCALAR_BYTES);
        return in.guard(() -> FunctionalKey.decode(raw, 0));
    }

    private static WorkFraud readWorkFraud(CanonicalReader in, boolean keyed) {
        long taskId = in.i64();
        var height = in.height();
        var record = TrainingRecordCodec.INSTANCE.read(in);
        var checkpoints = in.list(WorkSegments.MAX_SEGMENTS + 1, 32, CanonicalReader::hash);
        int segment = in.i32();
        var opening = in.hash();
        List<FunctionalKey> keys =
                keyed ? in.list(WorkFraud.MAX_KEYS, IpfeGroup.SCALAR_BYTES, TransactionCodec::readKey) : List.of();
        if (keyed && keys.isEmpty()) {
            throw new CodecException(
                    "a fraud proof under tag " + WorkFraud.KEYED_TAG + " carries at least one round key");
        }
        return in.guard(() -> new WorkFraud(taskId, height, record, checkpoints, segment, opening, keys));
    }

    private static void writeProjection(ProjectionSpec spec, CanonicalWriter out) {
        InputQuantizer q = spec.input();
        out.i32(q.height()).i32(q.width()).i32(q.pool()).i32(q.levels());
        out.i32(spec.width()).i32(spec.weightRange());
    }

    private static ProjectionSpec readProjection(CanonicalReader in) {
        int height = in.i32();
        int width = in.i32();
        int pool = in.i32();
        int levels = in.i32();
        int k = in.i32();
        int weightRange = in.i32();
        return in.guard(() -> new ProjectionSpec(new InputQuantizer(height, width, pool, levels), k, weightRange));
    }

    private static PostTask readPostTask(CanonicalReader in, boolean isPrivate) {
        String spec = in.string(PostTask.MAX_SPEC_BYTES);
        var trainingSet = in.hash();
        int minBp = in.i32();
        int rounds = in.i32();
        var reward = in.amount();
        long expected = in.i64();
        long minPhase = in.i64();
        long maxPhase = in.i64();
        var shards = in.list(PostTask.MAX_SHARDS, 32, CanonicalReader::hash);
        Optional<ProjectionSpec> privacy = isPrivate ? Optional.of(readProjection(in)) : Optional.empty();
        return in.guard(() ->
                new PostTask(spec, trainingSet, minBp, rounds, reward, expected, minPhase, maxPhase, shards, privacy));
    }

    private static DeployModel readDeploy(CanonicalReader in) {
        String spec = in.string(DeployModel.MAX_SPEC_BYTES);
        var weights = in.hash();
        int loss = in.u8();
        long threshold = in.i64();
        int select = in.i32();
        int epoch = in.i32();
        int window = in.i32();
        var parts = in.list(DeployModel.MAX_PARTS, 32, CanonicalReader::hash);
        return in.guard(() -> new DeployModel(spec, weights, loss, threshold, select, epoch, window, parts));
    }

    private static Challenge readChallenge(CanonicalReader in) {
        long id = in.i64();
        byte[] claim = in.bytes(MAX_BYTES);
        Transaction tx = INSTANCE.decode(claim);
        if (!(tx instanceof SignedTransaction signed)) {
            throw new CodecException("a challenge must carry a signed transaction");
        }
        return in.guard(() -> new Challenge(id, signed));
    }

    private static GrowModel readGrow(CanonicalReader in) {
        long id = in.i64();
        var parent = in.hash();
        String spec = in.string(DeployModel.MAX_SPEC_BYTES);
        var weights = in.hash();
        long threshold = in.i64();
        int select = in.i32();
        var parts = in.list(DeployModel.MAX_PARTS, 32, CanonicalReader::hash);
        return in.guard(() -> new GrowModel(id, parent, spec, weights, threshold, select, parts));
    }
}
