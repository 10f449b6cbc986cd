package io.learnchain.chain.dqn;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.lifelong.LifelongTransition;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.transition.TransactionProcessor;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.work.HeldRewards;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a miner's dqn block on a parent: steps the genesis environment from S_t with the chosen
 * action (the same step every node will check), scores it by the genesis fork-choice option,
 * takes the candidate transactions that apply (D_{t+1}; never task transactions), pays the coinbase subsidy + fees +
 * the award of its reward, stamps it no earlier than one slot after the parent, fills the roots and
 * signs. The action and record must be the proposer's public learner's ({@link PublicLearner}), or
 * every node refuses the block.
 */
public final class DqnBlockBuilder {
    private static final int RESERVED_BYTES = 2048;

    private DqnBlockBuilder() {}

    /** The step the child of {@code parent} makes with {@code action} under {@code rules}. */
    public static StepResult step(ChainTip parent, ChainRules rules, int action) {
        return DqnRules.step(parent, rules.chainId(), params(rules).env(), action);
    }

    public static Block build(
            ChainTip parent,
            ChainRules rules,
            KeyPair miner,
            int action,
            DqnTrainingRecord record,
            List<SignedTransaction> candidates,
            long timestamp,
            SignatureVerifier verifier) {
        DqnParameters params = params(rules);
        StepResult step = DqnRules.step(parent, rules.chainId(), params.env(), action);
        DqnProof proof =
                DqnProof.of(action, step, DqnRules.forkScore(parent, params.forkOption(), step.reward()), record);
        var height = parent.height().next();
        StateDelta delta = new StateDelta(parent.state());
        LifelongTransition.begin(delta, height, parent.hash()); // as BlockProcessor does for every block
        HeldRewards.release(delta, height);
        Amount fees = Amount.ZERO;
        List<Transaction> txs = new ArrayList<>();
        txs.add(null); // the coinbase, once the fees are known
        long bytes = RESERVED_BYTES + 4L * step.next().size();
        for (SignedTransaction tx : candidates) {
            if (DqnRules.isTaskTransaction(tx)) {
                continue;
            }
            int size = TransactionCodec.INSTANCE.encode(tx).length;
            if (txs.size() >= rules.limits().maxTransactions()
                    || bytes + size > rules.limits().maxBlockBytes()) {
                break;
            }
            if (TransactionProcessor.apply(tx, delta, rules, verifier, height) instanceof TxResult.Applied applied) {
                txs.add(tx);
                fees = fees.add(applied.fee());
                bytes += size;
            }
        }
        Address recipient = Address.of(miner.publicKey());
        Coinbase coinbase =
                new Coinbase(height, recipient, rules.blockSubsidy().add(fees).add(DqnRules.award(proof, params)));
        txs.set(0, coinbase);
        delta.put(recipient, delta.account(recipient).credit(coinbase.amount()));
        BlockHeader header = new BlockHeader(
                BlockHeader.CURRENT_VERSION,
                height,
                parent.hash(),
                Math.max(timestamp, earliestTimestamp(parent, rules)),
                miner.publicKey(),
                Block.txRoot(txs),
                delta.commit().root(),
                proof,
                Signature.NONE);
        return new Block(verifier.signOwn(header, miner), txs);
    }

    /** The earliest timestamp a child of {@code parent} may carry: one slot after it (the slot rule). */
    public static long earliestTimestamp(ChainTip parent, ChainRules rules) {
        return parent.timestamp() + rules.targetBlockSeconds();
    }

    private static DqnParameters params(ChainRules rules) {
        return rules.dqn()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the chain's engine is not dqn: its " + "genesis has no dqn section"));
    }
}
