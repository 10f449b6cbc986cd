package io.learnchain.sim.privatetask;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.data.Dataset;
import java.util.List;

/** The requester of a private task: the only party holding the clear training set and the master key. */
final class DataNode {
    private final ProjectionSpec spec;
    private final KeyPair requester;
    private final MasterSecretKey masterKey;
    private final byte[] encryptedBlob;

    DataNode(Dataset clearTraining, ProjectionSpec spec, KeyPair requester, EntropySource entropy) {
        this.spec = spec;
        this.requester = requester;
        this.masterKey = InnerProductEncryption.setup(spec.dimension(), entropy);
        this.encryptedBlob = EncryptedDataset.encrypt(clearTraining, spec.input(), masterKey, entropy)
                .encode();
    }

    /** What the data node posts instead of its training set. */
    byte[] encryptedBlob() {
        return encryptedBlob.clone();
    }

    /** The round's k functional keys, published when the round's parent exists. */
    List<FunctionalKey> roundKeys(Hash roundKey) {
        return RoundFeatures.deriveKeys(spec, masterKey, roundKey);
    }

    /** The signed release of task {@code taskId}'s keys for the round on {@code previous}. */
    RoundKeyRelease release(Hash chainId, long taskId, Hash previous) {
        Hash roundKey = SecureMappingLayer.roundKey(previous, taskId);
        return RoundKeyRelease.sign(requester, chainId, taskId, previous, roundKeys(roundKey));
    }

    /** The requester's public key, named by the task. */
    PublicKey requester() {
        return requester.publicKey();
    }
}
