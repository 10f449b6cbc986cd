package io.learnchain.chain.block;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.tx.TrainingRecordCodec;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;

/**
 * Canonical header and block encodings.
 * <pre>
 *   header: u8 version, i64 height, hash previous, i64 timestamp, key(32) miner, hash txRoot,
 *           hash stateRoot, u8 proof tag, proof fields, signature(64)
 *   idle proof (tag 0): i64 difficulty, i64 nonce          (the nonce is the last unsigned field)
 *   pole proof (tag 1): i64 taskId, hash model, training record (TrainingRecordCodec), i64 orderNonce,
 *                       u32 shardIndex, hash shard, i64 claimedScore, signature(64) commitment
 *   forfeit proof (tag 2): i64 taskId, i64 difficulty, i64 nonce
 *   dqn proof (tag 3): see {@link DqnProofCodec}
 *   block:  header, u32 count, transactions (see TransactionCodec)
 * </pre>
 * The header's own version field is its encoding version; this node reads version 1.
 */
public final class BlockCodec {
    /** Upper bound on transactions a decoder accepts in any block, whatever the genesis says. */
    public static final int MAX_TXS = 100_000;

    public static final Codec<BlockHeader> HEADER = new HeaderCodec();
    public static final Codec<Block> BLOCK = new Codec<>() {
        @Override
        public void write(Block block, CanonicalWriter out) {
            HEADER.write(block.header(), out);
            out.list(block.transactions(), TransactionCodec.INSTANCE);
        }

        @Override
        public Block read(CanonicalReader in) {
            BlockHeader header = HEADER.read(in);
            var txs = in.list(MAX_TXS, TransactionCodec.MIN_BYTES, TransactionCodec.INSTANCE);
            return in.guard(() -> new Block(header, txs));
        }
    };

    private BlockCodec() {}

    static void writeUnsigned(BlockHeader h, CanonicalWriter out) {
        out.u8(h.version())
                .height(h.height())
                .hash(h.previous())
                .i64(h.timestamp())
                .publicKey(h.miner())
                .hash(h.txRoot())
                .hash(h.stateRoot())
                .u8(h.proof().tag());
        switch (h.proof()) {
            case IdleProof p -> out.i64(p.difficulty()).i64(p.nonce());
            case PoleProof p -> {
                out.i64(p.taskId()).hash(p.modelHash());
                TrainingRecordCodec.INSTANCE.write(p.record(), out);
                out.list(p.work().checkpoints(), (leaf, w) -> w.hash(leaf))
                        .hash(p.work().finalStateHash())
                        .list(p.work().openings(), (opening, w) -> w.hash(opening));
                out.i64(p.orderNonce())
                        .i32(p.shardIndex())
                        .hash(p.shardHash())
                        .i64(p.claimedScore())
                        .signature(p.commitmentSignature());
            }
            case ForfeitProof p -> out.i64(p.taskId()).i64(p.difficulty()).i64(p.nonce());
            case DqnProof p -> DqnProofCodec.INSTANCE.write(p, out);
        }
    }

    private static PoleProof readPole(CanonicalReader in) {
        long taskId = in.i64();
        var model = in.hash();
        var record = TrainingRecordCodec.INSTANCE.read(in);
        List<Hash> checkpoints = in.list(WorkSegments.MAX_SEGMENTS + 1, 32, CanonicalReader::hash);
        var finalState = in.hash();
        List<Hash> openings = in.list(WorkProof.MAX_OPENINGS, 32, CanonicalReader::hash);
        var work = in.guard(() -> new WorkProof(checkpoints, finalState, openings));
        long nonce = in.i64();
        int shard = in.i32();
        var shardHash = in.hash();
        long score = in.i64();
        var signature = in.signature();
        return in.guard(() -> new PoleProof(taskId, model, record, work, nonce, shard, shardHash, score, signature));
    }

    private static final class HeaderCodec implements Codec<BlockHeader> {
        @Override
        public void write(BlockHeader h, CanonicalWriter out) {
            writeUnsigned(h, out);
            out.signature(h.signature());
        }

        @Override
        public BlockHeader read(CanonicalReader in) {
            int version = in.u8();
            if (version != BlockHeader.CURRENT_VERSION) {
                throw new CodecException("unsupported header version " + version + " (this node reads version "
                        + BlockHeader.CURRENT_VERSION + "; upgrade if the peer is newer)");
            }
            var height = in.height();
            var previous = in.hash();
            long timestamp = in.nonNegativeLong("timestamp");
            var miner = in.publicKey();
            var txRoot = in.hash();
            var stateRoot = in.hash();
            int tag = in.u8();
            EngineProof proof = switch (tag) {
                case IdleProof.TAG -> in.guard(() -> new IdleProof(in.i64(), in.i64()));
                case PoleProof.TAG -> readPole(in);
                case ForfeitProof.TAG -> in.guard(() -> new ForfeitProof(in.i64(), in.i64(), in.i64()));
                case DqnProof.TAG -> DqnProofCodec.INSTANCE.read(in);
                default -> throw new CodecException("unknown engine proof tag " + tag);
            };
            var signature = in.signature();
            return in.guard(() ->
                    new BlockHeader(version, height, previous, timestamp, miner, txRoot, stateRoot, proof, signature));
        }
    }
}
