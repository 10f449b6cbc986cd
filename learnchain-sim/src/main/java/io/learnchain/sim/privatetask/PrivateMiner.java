package io.learnchain.sim.privatetask;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.DecodedCiphertexts;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * A miner of a private task: it holds the encrypted blob the data node posted (its blob store has
 * nothing else of the training set) and obtains each round's features from the round's keys.
 */
final class PrivateMiner {
    private final ProjectionSpec spec;
    private final byte[] storedBlob;
    private final EncryptedDataset encrypted;
    private final DecodedCiphertexts decoded;
    private final BoundedDiscreteLog log;

    /** Decodes the posted blob's ciphertexts once, on {@code pool}, for every round of the task. */
    PrivateMiner(ProjectionSpec spec, byte[] postedBlob, ComputePool pool) {
        this.spec = spec;
        this.storedBlob = postedBlob.clone();
        this.encrypted = EncryptedDataset.decode(storedBlob);
        this.decoded = new DecodedCiphertexts(encrypted, pool);
        this.log = BoundedDiscreteLog.forBound(spec.bound());
    }

    /** The bytes the miner stores for the task's training set. */
    byte[] storedBlob() {
        return storedBlob.clone();
    }

    /**
     * Why the miner refuses {@code release} for task {@code taskId}'s round on {@code previous}, or
     * empty when it is the round's release by {@code requester} (every node checks before use).
     */
    Optional<String> problem(RoundKeyRelease release, Hash chainId, long taskId, Hash previous, PublicKey requester) {
        return release.problem(chainId, taskId, previous, requester, spec, encrypted.publicKey());
    }

    /** Whether the published keys are this round's (every node checks them before using them). */
    boolean keysMatch(Hash roundKey, List<FunctionalKey> keys) {
        return RoundFeatures.keysMatch(spec, encrypted.publicKey(), roundKey, keys);
    }

    /** The round's training set as its model reads it: k decrypted projections per sample. */
    Dataset features(Hash roundKey, List<FunctionalKey> keys) {
        return features(roundKey, keys, ComputePool.serial());
    }

    /** The same, decrypted over the threads of {@code pool} (the same bits with any thread count). */
    Dataset features(Hash roundKey, List<FunctionalKey> keys, ComputePool pool) {
        return RoundFeatures.decrypt(decoded, spec, roundKey, keys, log, "private/round", pool);
    }
}
