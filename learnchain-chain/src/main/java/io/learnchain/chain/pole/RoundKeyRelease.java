package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.IpfeGroup;
import io.learnchain.chain.privacy.MasterPublicKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.work.SecureMappingLayer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A private task's data node releases a round's k functional keys, signed like a shard reveal: the
 * requester signs "learnchain/round-keys/v1" || chain id || task id || previous hash || the keys.
 * Every node checks a release ({@link #problem}) before it trains or verifies on it: the signer, the
 * round, one key per row, and each key against its row and the task's master public key.
 */
public record RoundKeyRelease(Hash chainId, long taskId, Hash previous, List<FunctionalKey> keys, Signature signature) {
    private static final byte[] DOMAIN = "learnchain/round-keys/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** The longest encoding: version, chain id, task id, previous, count, 256 keys, signature. */
    public static final int MAX_BYTES = 1 + 32 + 8 + 32 + 4 + ProjectionSpec.MAX_WIDTH * IpfeGroup.SCALAR_BYTES + 64;

    public RoundKeyRelease {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(signature, "signature");
        keys = List.copyOf(keys);
        if (keys.isEmpty() || keys.size() > ProjectionSpec.MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "a key release carries 1.." + ProjectionSpec.MAX_WIDTH + " keys, got " + keys.size());
        }
    }

    /** The data node's release of {@code keys} for task {@code taskId}'s round on {@code previous}. */
    public static RoundKeyRelease sign(
            KeyPair requester, Hash chainId, long taskId, Hash previous, List<FunctionalKey> keys) {
        byte[] message = signingBytes(chainId, taskId, previous, keys);
        return new RoundKeyRelease(chainId, taskId, previous, keys, requester.sign(message));
    }

    static byte[] signingBytes(Hash chainId, long taskId, Hash previous, List<FunctionalKey> keys) {
        CanonicalWriter out = new CanonicalWriter(128 + keys.size() * IpfeGroup.SCALAR_BYTES);
        out.raw(DOMAIN).hash(chainId).i64(taskId).hash(previous).i32(keys.size());
        keys.forEach(key -> out.raw(key.encode()));
        return out.toByteArray();
    }

    /**
     * Whether {@code signer} signed this release. The task's state names its requester by address
     * only, so a release that travels alone comes with the signer's key; the node checks that the
     * key's address is the requester's and then {@link #problem} with it.
     */
    public boolean signedBy(PublicKey signer) {
        return signer.verify(signingBytes(chainId, taskId, previous, keys), signature);
    }

    /** The round key H(previous, task id) whose rows these keys open. */
    public Hash roundKey() {
        return SecureMappingLayer.roundKey(previous, taskId);
    }

    /**
     * Why a node must refuse this release for task {@code taskId}'s round on {@code previous} of
     * chain {@code chainId}, or empty when it is the round's release: signed by {@code requester},
     * one key per row of {@code spec}, g^{sk_j} == prod h_i^{y_ji} for every row j.
     */
    public Optional<String> problem(
            Hash chainId,
            long taskId,
            Hash previous,
            PublicKey requester,
            ProjectionSpec spec,
            MasterPublicKey masterPublicKey) {
        if (!this.chainId.equals(chainId) || this.taskId != taskId || !this.previous.equals(previous)) {
            return Optional.of("the release is for task " + this.taskId + " on " + this.previous.shortHex()
                    + ", not task " + taskId + " on " + previous.shortHex());
        }
        if (!requester.verify(signingBytes(chainId, taskId, previous, keys), signature)) {
            return Optional.of("the release is not signed by the task's requester");
        }
        if (keys.size() != spec.width()) {
            return Optional.of(
                    "the release carries " + keys.size() + " keys, the task's layer has " + spec.width() + " rows");
        }
        int[][] rows = spec.weights(roundKey());
        for (int j = 0; j < rows.length; j++) {
            if (!InnerProductEncryption.keyMatches(masterPublicKey, rows[j], keys.get(j))) {
                return Optional.of("key " + j + " is not the functional key of the round's row " + j);
            }
        }
        return Optional.empty();
    }

    /** Version 1, chain id, task id, previous, the count and the keys (32 bytes each), the signature. */
    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(160 + keys.size() * IpfeGroup.SCALAR_BYTES);
        out.u8(VERSION).hash(chainId).i64(taskId).hash(previous).i32(keys.size());
        keys.forEach(key -> out.raw(key.encode()));
        out.signature(signature);
        return out.toByteArray();
    }

    /** Decodes {@link #encode()}'s bytes; throws {@link CodecException} for anything else. */
    public static RoundKeyRelease decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.version(VERSION, "round key release");
        Hash chainId = in.hash();
        long taskId = in.i64();
        Hash previous = in.hash();
        int count = in.i32();
        if (count < 1 || count > ProjectionSpec.MAX_WIDTH) {
            throw new CodecException("a key release carries 1.." + ProjectionSpec.MAX_WIDTH + " keys, got " + count);
        }
        List<FunctionalKey> keys = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            byte[] raw = in.raw(IpfeGroup.SCALAR_BYTES);
            keys.add(in.guard(() -> FunctionalKey.decode(raw, 0)));
        }
        Signature signature = in.signature();
        in.expectEnd();
        return new RoundKeyRelease(chainId, taskId, previous, keys, signature);
    }
}
