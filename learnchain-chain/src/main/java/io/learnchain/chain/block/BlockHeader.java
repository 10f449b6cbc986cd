package io.learnchain.chain.block;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A block header. The miner is identified by its public key (the miner address is derived from
 * it, so the two can never disagree). Block hash = SHA-256 of {@link #unsignedBytes()}: every
 * field but the signature, which signs that hash.
 */
public record BlockHeader(
        int version,
        Height height,
        Hash previous,
        long timestamp,
        PublicKey miner,
        Hash txRoot,
        Hash stateRoot,
        EngineProof proof,
        Signature signature) {
    public static final int CURRENT_VERSION = 1;
    private static final byte[] SIGN_DOMAIN = "learnchain/block/v1".getBytes(StandardCharsets.US_ASCII);

    public BlockHeader {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("header version must fit in a byte, got " + version);
        }
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(previous, "previous");
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, got " + timestamp);
        }
        Objects.requireNonNull(miner, "miner");
        Objects.requireNonNull(txRoot, "txRoot");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(signature, "signature");
    }

    public Address minerAddress() {
        return Address.of(miner);
    }

    /** The canonical header without the signature. */
    public byte[] unsignedBytes() {
        CanonicalWriter out = new CanonicalWriter(200);
        BlockCodec.writeUnsigned(this, out);
        return out.toByteArray();
    }

    public Hash hash() {
        return Hash.sha256(unsignedBytes());
    }

    public BlockHeader withProof(EngineProof newProof) {
        return new BlockHeader(version, height, previous, timestamp, miner, txRoot, stateRoot, newProof, signature);
    }

    public BlockHeader withTimestamp(long newTimestamp) {
        return new BlockHeader(version, height, previous, newTimestamp, miner, txRoot, stateRoot, proof, signature);
    }

    /** This header signed by {@code keys}, which must be the header's miner key. */
    public BlockHeader signedBy(KeyPair keys) {
        if (!keys.publicKey().equals(miner)) {
            throw new IllegalArgumentException(
                    "the signing key " + keys.publicKey().toHex() + " is not the header's miner " + miner.toHex());
        }
        return new BlockHeader(
                version,
                height,
                previous,
                timestamp,
                miner,
                txRoot,
                stateRoot,
                proof,
                keys.sign(signingMessage(hash())));
    }

    public boolean hasValidSignature() {
        return miner.verify(signingMessage(hash()), signature);
    }

    private static byte[] signingMessage(Hash blockHash) {
        byte[] out = new byte[SIGN_DOMAIN.length + Hash.LENGTH];
        System.arraycopy(SIGN_DOMAIN, 0, out, 0, SIGN_DOMAIN.length);
        System.arraycopy(blockHash.unsafeArray(), 0, out, SIGN_DOMAIN.length, Hash.LENGTH);
        return out;
    }
}
