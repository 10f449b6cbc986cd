package io.learnchain.chain.transition;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.lifelong.LifelongTransition;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.work.HeldRewards;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the next block on a tip: takes candidates in the given order (the mempool decides it),
 * keeps those that apply, stops at the block's count and size limits, mints subsidy + fees to
 * the coinbase recipient, and fills tx root and state root. Then {@link IdleSealer} finds a
 * nonce and the miner signs.
 */
public final class BlockAssembler {
    /** Bytes reserved for the header and the coinbase when filling a block. */
    private static final int RESERVED_BYTES = 1024;

    private BlockAssembler() {}

    public static BlockTemplate assemble(
            ChainTip parent,
            List<SignedTransaction> candidates,
            PublicKey miner,
            Address coinbaseRecipient,
            long timestamp,
            ChainRules rules,
            SignatureVerifier verifier) {
        return assemble(parent, candidates, miner, coinbaseRecipient, timestamp, rules, verifier, LifelongEnv.NONE);
    }

    /** As above; lifelong transactions are evaluated with the blobs and pool of {@code env}. */
    public static BlockTemplate assemble(
            ChainTip parent,
            List<SignedTransaction> candidates,
            PublicKey miner,
            Address coinbaseRecipient,
            long timestamp,
            ChainRules rules,
            SignatureVerifier verifier,
            LifelongEnv env) {
        StateDelta delta = new StateDelta(parent.state());
        LifelongTransition.begin(delta, parent.height().next(), parent.hash());
        HeldRewards.release(delta, parent.height().next());
        List<SignedTransaction> chosen = new ArrayList<>();
        List<BlockTemplate.Skipped> skipped = new ArrayList<>();
        Amount fees = Amount.ZERO;
        long bytes = RESERVED_BYTES;
        int maxTxs = rules.limits().maxTransactions() - 1;
        for (SignedTransaction tx : candidates) {
            int size = TransactionCodec.INSTANCE.encode(tx).length;
            if (chosen.size() >= maxTxs || bytes + size > rules.limits().maxBlockBytes()) {
                break;
            }
            switch (TransactionProcessor.apply(
                    tx, delta, rules, verifier, parent.height().next(), env)) {
                case TxResult.Applied applied -> {
                    chosen.add(tx);
                    fees = fees.add(applied.fee());
                    bytes += size;
                }
                case TxResult.Rejected r -> skipped.add(new BlockTemplate.Skipped(tx, r.reason(), r.detail()));
            }
        }
        var height = parent.height().next();
        Coinbase coinbase =
                new Coinbase(height, coinbaseRecipient, rules.blockSubsidy().add(fees));
        delta.put(coinbaseRecipient, delta.account(coinbaseRecipient).credit(coinbase.amount()));
        WorldState state = delta.commit();
        List<Transaction> body = new ArrayList<>(chosen.size() + 1);
        body.add(coinbase);
        body.addAll(chosen);
        long ts = Math.max(timestamp, parent.timestamp());
        BlockHeader header = new BlockHeader(
                BlockHeader.CURRENT_VERSION,
                height,
                parent.hash(),
                ts,
                miner,
                Block.txRoot(body),
                state.root(),
                new IdleProof(parent.nextDifficulty(rules), 0),
                Signature.NONE);
        return new BlockTemplate(header, body, state, fees, skipped);
    }

    /**
     * Assembles, seals with up to {@code maxTries} nonces from 0 and signs in one go: for tests,
     * dev chains and low difficulties. Empty if no nonce in range met the difficulty.
     */
    public static Optional<Block> mine(
            ChainTip parent,
            List<SignedTransaction> candidates,
            KeyPair miner,
            long timestamp,
            ChainRules rules,
            long maxTries) {
        return mine(parent, candidates, miner, timestamp, rules, maxTries, LifelongEnv.NONE);
    }

    /** {@link #mine} with the blobs and pool lifelong transactions need. */
    public static Optional<Block> mine(
            ChainTip parent,
            List<SignedTransaction> candidates,
            KeyPair miner,
            long timestamp,
            ChainRules rules,
            long maxTries,
            LifelongEnv env) {
        BlockTemplate template = assemble(
                parent,
                candidates,
                miner.publicKey(),
                Address.of(miner.publicKey()),
                timestamp,
                rules,
                SignatureVerifier.ED25519,
                env);
        return IdleSealer.seal(template.header(), 0, maxTries)
                .map(sealedHeader -> template.toBlock(sealedHeader.signedBy(miner)));
    }
}
