package io.learnchain.node.api;

import io.learnchain.base.Amount;
import io.learnchain.base.Bytes;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.validation.BlockAssembler;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import io.learnchain.node.LearnchainNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A lifelong model on the contract test's node (deployed by dev account 7) and a fresh deployment to submit. */
final class LifelongContract {
    static final ModelSpec SPEC = ModelSpec.parse("input 2 | dense 3");
    final Model weights = Initializer.initialize(SPEC, 1);
    final Model freshWeights = Initializer.initialize(SPEC, 2);
    final SignedTransaction fresh;

    LifelongContract(LearnchainNode node) {
        try {
            node.blobs().put(weights.canonicalBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Through the mempool, as a user would: the node's own miner puts it in its next block
        // (idle or pole, whichever the round is).
        node.chain().submitTransaction(deploy(node, 7, weights));
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (node.chain().head().tip().state().lifelong().get(1).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the contract test's lifelong model was not deployed in 90 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fresh = deploy(node, 8, freshWeights);
    }

    static SignedTransaction deploy(LearnchainNode node, int from, Model m) {
        KeyPair k = DevAccounts.keys(from);
        DeployModel d = new DeployModel(SPEC.text(), m.hash(), 0, 1_000_000, 1, 2, 5,
                List.of(Hash.sha256(new byte[] {(byte) from})));
        long nonce = node.chain().account(DevAccounts.address(from)).nonce();
        return SignedTransaction.sign(new TxBody(node.chain().genesis().chainId(), k.publicKey(), nonce, Amount.ZERO,
                d), k);
    }

    static String submitBody(SignedTransaction tx, byte[]... blobs) {
        StringBuilder sb = new StringBuilder("{\"hex\":\"").append(Bytes.wrap(TransactionCodec.INSTANCE.encode(tx))
                .toHex()).append("\",\"blobs\":[");
        for (int i = 0; i < blobs.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(Bytes.wrap(blobs[i]).toHex()).append('"');
        }
        return sb.append("]}").toString();
    }
}
