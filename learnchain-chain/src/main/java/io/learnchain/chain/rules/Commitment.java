package io.learnchain.chain.rules;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.base.merkle.MerkleRoot;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A miner's phase-1 commitment (PROTOCOL.md 3.3): binds a model and its training record to the
 * miner and the parent block. The body root is the RFC 6962 root over the block's transactions
 * except the trailing RevealShard (which does not exist yet when the miner commits).
 * Canonical bytes: hash chainId, i64 height, hash previous, i64 taskId, key miner, hash model,
 * hash trainingRecord (the work claim: record and checkpoint root, {@link WorkProof#claimHash}),
 * hash bodyRoot. Id = SHA-256 of them; the miner signs ASCII
 * {@code learnchain/commit/v1} + those bytes.
 */
public record Commitment(
        Hash chainId,
        Height height,
        Hash previous,
        long taskId,
        PublicKey miner,
        Hash modelHash,
        Hash recordHash,
        Hash bodyRoot) {
    private static final byte[] DOMAIN = "learnchain/commit/v1".getBytes(StandardCharsets.US_ASCII);
    public static final Codec<Commitment> CODEC = new Codec<>() {
        @Override
        public void write(Commitment c, CanonicalWriter out) {
            out.hash(c.chainId)
                    .height(c.height)
                    .hash(c.previous)
                    .i64(c.taskId)
                    .publicKey(c.miner)
                    .hash(c.modelHash)
                    .hash(c.recordHash)
                    .hash(c.bodyRoot);
        }

        @Override
        public Commitment read(CanonicalReader in) {
            var chainId = in.hash();
            var height = in.height();
            var previous = in.hash();
            long taskId = in.i64();
            var miner = in.publicKey();
            var model = in.hash();
            var record = in.hash();
            var body = in.hash();
            return in.guard(() -> new Commitment(chainId, height, previous, taskId, miner, model, record, body));
        }
    };

    public Commitment {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(miner, "miner");
        Objects.requireNonNull(modelHash, "modelHash");
        Objects.requireNonNull(recordHash, "recordHash");
        Objects.requireNonNull(bodyRoot, "bodyRoot");
    }

    /** The commitment a pole block's header and body imply. */
    public static Commitment of(Hash chainId, Block block) {
        BlockHeader h = block.header();
        if (!(h.proof() instanceof PoleProof p)) {
            throw new IllegalArgumentException("block " + h.hash().shortHex() + " is not a pole block");
        }
        return new Commitment(
                chainId,
                h.height(),
                h.previous(),
                p.taskId(),
                h.miner(),
                p.modelHash(),
                WorkProof.claimHash(p.record(), p.work().checkpoints()),
                committedBodyRoot(block.transactions()));
    }

    /** The root over all transactions but the last (the reveal); over all of them when fewer than two. */
    public static Hash committedBodyRoot(List<Transaction> txs) {
        List<Hash> hashes = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size() - 1; i++) {
            hashes.add(txs.get(i).hash());
        }
        return MerkleRoot.of(hashes);
    }

    public byte[] canonicalBytes() {
        return CODEC.encode(this);
    }

    public Hash id() {
        return Hash.sha256(canonicalBytes());
    }

    public Signature sign(KeyPair keys) {
        if (!keys.publicKey().equals(miner)) {
            throw new IllegalArgumentException("commitments are signed by their miner " + miner.toHex());
        }
        return keys.sign(signingBytes());
    }

    public boolean verify(Signature signature) {
        return miner.verify(signingBytes(), signature);
    }

    private byte[] signingBytes() {
        byte[] body = canonicalBytes();
        byte[] out = new byte[DOMAIN.length + body.length];
        System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
        System.arraycopy(body, 0, out, DOMAIN.length, body.length);
        return out;
    }
}
