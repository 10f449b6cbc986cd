package io.learnchain.node.api;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.TxBody;
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
        // the node mines pole/idle blocks by itself, without lifelong transactions: pause its miner and
        // connect one hand-made block with the deployment (retrying if a block of the miner got there first)
        node.pole().ifPresent(p -> p.setMining(false));
        Object result = null;
        try {
            for (int attempt = 0;
                    attempt < 5
                            && node.chain()
                                    .head()
                                    .tip()
                                    .state()
                                    .lifelong()
                                    .get(1)
                                    .isEmpty();
                    attempt++) {
                var head = node.chain().head();
                long timestamp = Math.max(head.tip().timestamp() + 1, System.currentTimeMillis() / 1000);
                var block = BlockAssembler.mine(
                                head.tip(),
                                List.of(deploy(node, 7, weights)),
                                DevAccounts.keys(1),
                                timestamp,
                                node.chain().rules(),
                                1_000_000,
                                new LifelongEnv(node.chain().blobs(), ComputePool.serial()))
                        .orElseThrow();
                result = node.chain().importBlock(block);
            }
        } finally {
            node.pole().ifPresent(p -> p.setMining(true));
        }
        if (node.chain().head().tip().state().lifelong().get(1).isEmpty()) {
            throw new IllegalStateException("the contract test's lifelong model was not deployed: " + result);
        }
        fresh = deploy(node, 8, freshWeights);
    }

    static SignedTransaction deploy(LearnchainNode node, int from, Model m) {
        KeyPair k = DevAccounts.keys(from);
        DeployModel d = new DeployModel(
                SPEC.text(), m.hash(), 0, 1_000_000, 1, 2, 5, List.of(Hash.sha256(new byte[] {(byte) from})));
        long nonce = node.chain().account(DevAccounts.address(from)).nonce();
        return SignedTransaction.sign(
                new TxBody(node.chain().genesis().chainId(), k.publicKey(), nonce, Amount.ZERO, d), k);
    }

    static String submitBody(SignedTransaction tx, byte[]... blobs) {
        StringBuilder sb = new StringBuilder("{\"hex\":\"")
                .append(Bytes.wrap(TransactionCodec.INSTANCE.encode(tx)).toHex())
                .append("\",\"blobs\":[");
        for (int i = 0; i < blobs.length; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(Bytes.wrap(blobs[i]).toHex())
                    .append('"');
        }
        return sb.append("]}").toString();
    }
}
