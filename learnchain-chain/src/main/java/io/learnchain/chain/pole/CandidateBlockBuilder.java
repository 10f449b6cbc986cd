package io.learnchain.chain.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.Signature;
import io.learnchain.base.merkle.MerkleRoot;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.lifelong.LifelongTransition;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.transition.TransactionProcessor;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.work.HeldRewards;
import io.learnchain.learn.train.TrainingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Assembles a miner's pole block in the protocol's two phases. Phase 1 ({@link #commit}): choose
 * the body (coinbase claiming subsidy + fees + the round's reward, then the transactions that
 * apply) and sign the commitment over it, the trained model and its work (record and checkpoint
 * leaves). Phase 2
 * ({@link Committed#complete}): once the requester's RevealShard is out and the model has been
 * scored on the shard, append the reveal, compute the state root and sign the header.
 * Also builds forfeit (idle fallback) blocks.
 */
public final class CandidateBlockBuilder {
    /** Room kept for the coinbase and the requester's reveal (its list of commitments included). */
    private static final int RESERVED_BYTES = 1024 + TransactionCodec.MAX_REVEAL_BYTES;

    private CandidateBlockBuilder() {}

    /**
     * Room kept in a block of {@code round}: {@link #RESERVED_BYTES}, plus, for a private task, the
     * most its reveal's round keys take ({@link TransactionCodec#MAX_ROUND_KEYS_BYTES}).
     */
    static long reservedBytes(Round.Learning round) {
        return round.task().terms().isPrivate()
                ? RESERVED_BYTES + TransactionCodec.MAX_ROUND_KEYS_BYTES
                : RESERVED_BYTES;
    }

    /** Phase 1's result: the committed body and commitment, ready for the reveal. */
    public record Committed(
            ChainTip parent,
            Round.Learning round,
            List<Transaction> body,
            Commitment commitment,
            Signature signature,
            TrainingRecord record,
            WorkProof work,
            long orderNonce) {
        public Committed {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(round, "round");
            body = List.copyOf(body);
            Objects.requireNonNull(commitment, "commitment");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(work, "work");
        }

        /** The challenge seed once {@code reveal} closes the round: which segments to open. */
        public Hash challengeSeed(SignedTransaction reveal) {
            return WorkChallenge.seed(commitment.id(), reveal.hash());
        }

        /** The segments the chain challenges once {@code reveal} closes the round. */
        public int[] challengedSegments(SignedTransaction reveal) {
            return WorkChallenge.segments(challengeSeed(reveal), work.segments());
        }

        /**
         * Phase 2: the full block with {@code reveal} last, claiming {@code claimedScore}, opening the
         * challenged segments' checkpoints ({@code openings}: their blob hashes, in segment order),
         * signed by {@code miner}.
         */
        public Block complete(
                SignedTransaction reveal,
                long claimedScore,
                List<Hash> openings,
                long timestamp,
                KeyPair miner,
                ChainRules rules,
                SignatureVerifier verifier) {
            return complete(reveal, claimedScore, openings, timestamp, miner, rules, verifier, LifelongEnv.NONE);
        }

        /** As above; {@code env} gives lifelong transactions in the body their blobs. */
        public Block complete(
                SignedTransaction reveal,
                long claimedScore,
                List<Hash> openings,
                long timestamp,
                KeyPair miner,
                ChainRules rules,
                SignatureVerifier verifier,
                LifelongEnv env) {
            if (!(reveal.body().payload() instanceof RevealShard)) {
                throw new IllegalArgumentException("the last transaction of a pole block must be a RevealShard");
            }
            List<Transaction> txs = new ArrayList<>(body);
            txs.add(reveal);
            StateDelta delta = new StateDelta(parent.state());
            PoleProof proof = new PoleProof(
                    round.taskId(),
                    commitment.modelHash(),
                    record,
                    work.withOpenings(openings),
                    orderNonce,
                    round.shardIndex(),
                    round.shardHash(),
                    claimedScore,
                    signature);
            Amount reward = PoleTransition.apply(round, proof, miner.publicKey(), delta);
            LifelongTransition.begin(delta, parent.height().next(), parent.hash());
            HeldRewards.release(delta, parent.height().next());
            var height = parent.height().next();
            for (int i = 1; i < txs.size(); i++) {
                if (TransactionProcessor.apply((SignedTransaction) txs.get(i), delta, rules, verifier, height, env)
                        instanceof TxResult.Rejected r) {
                    throw new IllegalArgumentException(
                            "transaction " + i + " no longer applies: " + r.reason() + " " + r.detail());
                }
            }
            Coinbase coinbase = (Coinbase) body.getFirst();
            PoleCoinbase.hold(delta, parent.height().next(), parent.hash(), proof, coinbase, reward);
            BlockHeader header = new BlockHeader(
                    BlockHeader.CURRENT_VERSION,
                    height,
                    parent.hash(),
                    Math.max(timestamp, parent.timestamp()),
                    miner.publicKey(),
                    Block.txRoot(txs),
                    delta.commit().root(),
                    proof,
                    Signature.NONE);
            return new Block(verifier.signOwn(header, miner), txs);
        }
    }

    /**
     * Phase 1: the body on {@code parent} (candidates in the given order, those that apply, within
     * the block limits) and the signed commitment to {@code modelHash} trained under {@code record},
     * whose data-order seed must be {@link TaskRules#dataOrderSeed} of (parent, miner, orderNonce).
     */
    public static Committed commit(
            ChainTip parent,
            ChainRules rules,
            Round.Learning round,
            KeyPair miner,
            List<SignedTransaction> candidates,
            Hash modelHash,
            TrainingRecord record,
            WorkProof work,
            long orderNonce,
            SignatureVerifier verifier) {
        return commit(
                parent,
                rules,
                round,
                miner,
                candidates,
                modelHash,
                record,
                work,
                orderNonce,
                verifier,
                LifelongEnv.NONE);
    }

    /** As above; {@code env} lets the body take lifelong transactions (their blobs and the loss pool). */
    public static Committed commit(
            ChainTip parent,
            ChainRules rules,
            Round.Learning round,
            KeyPair miner,
            List<SignedTransaction> candidates,
            Hash modelHash,
            TrainingRecord record,
            WorkProof work,
            long orderNonce,
            SignatureVerifier verifier,
            LifelongEnv env) {
        long expectedSeed = TaskRules.dataOrderSeed(parent.hash(), miner.publicKey(), orderNonce);
        if (record.dataOrderSeed() != expectedSeed) {
            throw new IllegalArgumentException("the record's data-order seed must be "
                    + Long.toUnsignedString(expectedSeed) + " for nonce " + orderNonce);
        }
        StateDelta delta = new StateDelta(parent.state());
        PoleTransition.apply(
                round,
                new PoleProof(
                        round.taskId(),
                        modelHash,
                        record,
                        work,
                        orderNonce,
                        round.shardIndex(),
                        round.shardHash(),
                        0,
                        Signature.NONE),
                miner.publicKey(),
                delta);
        LifelongTransition.begin(delta, parent.height().next(), parent.hash());
        HeldRewards.release(delta, parent.height().next());
        Amount reward = round.task().terms().rewardPerRound();
        List<SignedTransaction> chosen = new ArrayList<>();
        Amount fees = choose(parent, rules, candidates, delta, verifier, chosen, env, reservedBytes(round));
        List<Transaction> body = new ArrayList<>();
        Address recipient = Address.of(miner.publicKey());
        body.add(new Coinbase(
                parent.height().next(),
                recipient,
                rules.blockSubsidy().add(fees).add(reward)));
        body.addAll(chosen);
        Hash bodyRoot = MerkleRoot.of(body.stream().map(Transaction::hash).toList());
        Commitment c = new Commitment(
                rules.chainId(),
                parent.height().next(),
                parent.hash(),
                round.taskId(),
                miner.publicKey(),
                modelHash,
                WorkProof.claimHash(record, work.checkpoints()),
                bodyRoot);
        return new Committed(parent, round, body, c, c.sign(miner), record, work, orderNonce);
    }

    /**
     * A forfeit block for the round's task (valid from {@link Round.Learning#forfeitNotBefore()}),
     * sealed with up to {@code maxTries} nonces and signed; empty if no nonce met the difficulty.
     */
    public static Optional<Block> forfeit(
            ChainTip parent,
            ChainRules rules,
            Round.Learning round,
            KeyPair miner,
            List<SignedTransaction> candidates,
            long timestamp,
            SignatureVerifier verifier,
            long maxTries) {
        return forfeit(parent, rules, round, miner, candidates, timestamp, verifier, maxTries, LifelongEnv.NONE);
    }

    /** As above; {@code env} lets the body take lifelong transactions. */
    public static Optional<Block> forfeit(
            ChainTip parent,
            ChainRules rules,
            Round.Learning round,
            KeyPair miner,
            List<SignedTransaction> candidates,
            long timestamp,
            SignatureVerifier verifier,
            long maxTries,
            LifelongEnv env) {
        StateDelta delta = new StateDelta(parent.state());
        ForfeitProof proof = new ForfeitProof(round.taskId(), round.forfeitDifficulty(), 0);
        PoleTransition.apply(round, proof, miner.publicKey(), delta);
        LifelongTransition.begin(delta, parent.height().next(), parent.hash());
        HeldRewards.release(delta, parent.height().next());
        List<SignedTransaction> chosen = new ArrayList<>();
        Amount fees = choose(parent, rules, candidates, delta, verifier, chosen, env, reservedBytes(round));
        Address recipient = Address.of(miner.publicKey());
        Coinbase coinbase = new Coinbase(
                parent.height().next(), recipient, rules.blockSubsidy().add(fees));
        delta.put(recipient, delta.account(recipient).credit(coinbase.amount()));
        List<Transaction> txs = new ArrayList<>();
        txs.add(coinbase);
        txs.addAll(chosen);
        BlockHeader header = new BlockHeader(
                BlockHeader.CURRENT_VERSION,
                parent.height().next(),
                parent.hash(),
                Math.max(timestamp, round.forfeitNotBefore()),
                miner.publicKey(),
                Block.txRoot(txs),
                delta.commit().root(),
                proof,
                Signature.NONE);
        return IdleSealer.seal(header, 0, maxTries)
                .map(sealedHeader -> new Block(verifier.signOwn(sealedHeader, miner), txs));
    }

    private static Amount choose(
            ChainTip parent,
            ChainRules rules,
            List<SignedTransaction> candidates,
            StateDelta delta,
            SignatureVerifier verifier,
            List<SignedTransaction> chosen,
            LifelongEnv env,
            long reserved) {
        Amount fees = Amount.ZERO;
        long bytes = reserved;
        int maxTxs = rules.limits().maxTransactions() - 2;
        for (SignedTransaction tx : candidates) {
            if (tx.body().payload() instanceof RevealShard) {
                continue;
            }
            int size = TransactionCodec.INSTANCE.encode(tx).length;
            if (chosen.size() >= maxTxs || bytes + size > rules.limits().maxBlockBytes()) {
                break;
            }
            if (TransactionProcessor.apply(
                            tx, delta, rules, verifier, parent.height().next(), env)
                    instanceof TxResult.Applied applied) {
                chosen.add(tx);
                fees = fees.add(applied.fee());
                bytes += size;
            }
        }
        return fees;
    }
}
