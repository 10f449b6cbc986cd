package io.learnchain.chain.validation;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.merkle.MerkleRoot;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.EngineProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.dqn.DqnRules;
import io.learnchain.chain.lifelong.LifelongBlobs;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.lifelong.LifelongTransition;
import io.learnchain.chain.pole.PoleCoinbase;
import io.learnchain.chain.pole.PoleTransition;
import io.learnchain.chain.pole.PoleVerifier;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pow.Difficulty;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.transition.TransactionProcessor;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.work.HeldRewards;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state transition: {@code apply(parent, block, rules, context)} checks a block against its
 * parent and returns the new tip, or the first broken rule, or "undecided". Pure: the same
 * inputs give the same verdict on every node.
 *
 * <p>Order of checks: header (version, previous, height, timestamp, engine proof against the
 * round of {@link RoundDriver}: idle difficulty and work, forfeit deadline, or the pole header
 * rules, or on a dqn chain the {@link DqnRules} step from the parent; miner signature), body shape (count, size, tx root, coinbase position and height), the
 * engine's body rules ({@link PoleVerifier} for pole blocks: reveal, commitment, model, score),
 * the engine step ({@link PoleTransition}), the lifelong step ({@link LifelongTransition}), each
 * transaction in order, the coinbase amount (subsidy + fees + the round's reward, or R_max for a dqn
 * block), the state root. A far-future timestamp is
 * undecided, not invalid: the block may become acceptable once the local clock catches up.
 */
public final class BlockProcessor {
    private BlockProcessor() {}

    public static Verdict apply(ChainTip parent, Block block, ChainRules rules, ValidationContext context) {
        BlockHeader header = block.header();
        Round round = RoundDriver.round(parent, rules);
        Optional<Verdict> headerVerdict = checkHeader(parent, header, rules, context, round);
        if (headerVerdict.isPresent()) {
            return headerVerdict.get();
        }
        List<Hash> txHashes = new ArrayList<>(block.transactions().size());
        Optional<Verdict> bodyVerdict = checkBody(block, rules, txHashes);
        if (bodyVerdict.isPresent()) {
            return bodyVerdict.get();
        }
        Optional<Verdict> engineVerdict = switch (header.proof()) {
            case PoleProof p ->
                PoleVerifier.checkBlock((Round.Learning) round, block, p, parent.state(), rules, context);
            case IdleProof p -> noReveal(block);
            case ForfeitProof p -> noReveal(block);
            case DqnProof p -> DqnRules.checkBody(block);
        };
        if (engineVerdict.isPresent()) {
            return engineVerdict.get();
        }
        return applyTransactions(parent, block, rules, context, txHashes, round);
    }

    static Optional<Verdict> checkHeader(
            ChainTip parent, BlockHeader header, ChainRules rules, ValidationContext context) {
        return checkHeader(parent, header, rules, context, RoundDriver.round(parent, rules));
    }

    /** Header rules against the parent: the first failure's verdict, or empty when they all pass. */
    static Optional<Verdict> checkHeader(
            ChainTip parent, BlockHeader header, ChainRules rules, ValidationContext context, Round round) {
        if (header.version() != BlockHeader.CURRENT_VERSION) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.UNSUPPORTED_VERSION,
                    "header version " + header.version() + ", expected " + BlockHeader.CURRENT_VERSION));
        }
        if (!header.previous().equals(parent.hash())) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.WRONG_PREVIOUS,
                    "previous hash " + header.previous().shortHex() + " is not the parent "
                            + parent.hash().shortHex()));
        }
        if (!header.height().equals(parent.height().next())) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.WRONG_HEIGHT, "height " + header.height() + " on a parent at " + parent.height()));
        }
        if (header.timestamp() < parent.timestamp()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.TIMESTAMP_BEFORE_PARENT,
                    "timestamp " + header.timestamp() + " is before the parent's " + parent.timestamp()));
        }
        long maxFuture = header.proof() instanceof DqnProof ? DqnRules.MAX_FUTURE_SECONDS : rules.maxFutureSeconds();
        if (header.timestamp() > context.nowSeconds() + maxFuture) {
            return Optional.of(new Verdict.Undecided(
                    UndecidedReason.FUTURE_TIMESTAMP,
                    "timestamp " + header.timestamp() + " is more than " + maxFuture + " s ahead of local time "
                            + context.nowSeconds()));
        }
        Optional<Verdict> mismatch = engineMismatch(header.proof(), rules);
        if (mismatch.isPresent()) {
            return mismatch;
        }
        Optional<Verdict> engine = switch (header.proof()) {
            case DqnProof p ->
                DqnRules.checkSlot(parent, header.timestamp(), rules.targetBlockSeconds())
                        .or(() -> DqnRules.check(parent, p, rules.dqn().orElseThrow(), rules.chainId()));
            case IdleProof p ->
                round instanceof Round.Learning l
                        ? Optional.of(Verdict.invalid(
                                InvalidReason.WRONG_ROUND_TASK,
                                "task " + l.taskId() + " is open: mine a pole" + " block, or a forfeit block from time "
                                        + l.forfeitNotBefore()))
                        : checkWork(parent, header, p.difficulty(), rules);
            case ForfeitProof p -> checkForfeit(parent, header, p, rules, round);
            case PoleProof p -> PoleVerifier.checkHeader(round, header, p);
        };
        if (engine.isPresent()) {
            return engine;
        }
        if (!context.verifier().verifyHeader(header)) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.BAD_BLOCK_SIGNATURE,
                    "the miner signature of block " + header.hash().shortHex() + " does not verify against key "
                            + header.miner().toHex()));
        }
        if (header.proof() instanceof DqnProof p) {
            return DqnRules.checkPolicy(parent, header, p, context.learners()); // after the cheap checks: it may train
        }
        return Optional.empty();
    }

    /** A dqn chain takes only dqn blocks, and only a dqn chain takes them. */
    private static Optional<Verdict> engineMismatch(EngineProof proof, ChainRules rules) {
        boolean dqnChain = rules.dqn().isPresent();
        if (dqnChain != proof instanceof DqnProof) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.WRONG_ENGINE_PROOF,
                    dqnChain
                            ? "a dqn chain takes only dqn blocks, got proof tag " + proof.tag()
                            : "a dqn block on a chain whose genesis engine is not dqn"));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> checkWork(ChainTip parent, BlockHeader header, long difficulty, ChainRules rules) {
        long expected = parent.nextDifficulty(rules);
        if (difficulty != expected) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.WRONG_DIFFICULTY, "difficulty " + difficulty + ", the adjustment gives " + expected));
        }
        Hash hash = header.hash();
        if (!Difficulty.meets(hash, difficulty)) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.INSUFFICIENT_WORK,
                    "block hash " + hash.shortHex() + " does not meet difficulty " + difficulty));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> checkForfeit(
            ChainTip parent, BlockHeader header, ForfeitProof p, ChainRules rules, Round round) {
        if (!(round instanceof Round.Learning l) || l.taskId() != p.taskId()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.WRONG_ROUND_TASK,
                    "a forfeit of task " + p.taskId() + " where the round is "
                            + (round instanceof Round.Learning l2 ? "task " + l2.taskId() : "idle")));
        }
        if (header.timestamp() < l.forfeitNotBefore()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.FORFEIT_TOO_EARLY,
                    "timestamp " + header.timestamp() + " is before the reveal deadline " + l.forfeitNotBefore()
                            + " of task " + l.taskId()));
        }
        return checkWork(parent, header, p.difficulty(), rules);
    }

    private static Optional<Verdict> noReveal(Block block) {
        List<Transaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i) instanceof SignedTransaction s && s.body().payload() instanceof RevealShard) {
                return Optional.of(Verdict.invalid(
                        InvalidReason.UNEXPECTED_REVEAL, "transaction " + i + " reveals a shard outside a pole block"));
            }
        }
        return Optional.empty();
    }

    /** Body shape rules; fills {@code txHashes}; the first failure's verdict, or empty when they all pass. */
    static Optional<Verdict> checkBody(Block block, ChainRules rules, List<Hash> txHashes) {
        List<Transaction> txs = block.transactions();
        if (txs.size() > rules.limits().maxTransactions()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.TOO_MANY_TRANSACTIONS,
                    txs.size() + " transactions, the limit is " + rules.limits().maxTransactions()));
        }
        int size = BlockCodec.BLOCK.encode(block).length;
        if (size > rules.limits().maxBlockBytes()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.BLOCK_TOO_LARGE,
                    size + " bytes, the limit is " + rules.limits().maxBlockBytes()));
        }
        for (Transaction tx : txs) {
            txHashes.add(tx.hash());
        }
        Hash root = MerkleRoot.of(txHashes);
        if (!root.equals(block.header().txRoot())) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.TX_ROOT_MISMATCH,
                    "transactions hash to " + root.shortHex() + ", the header says "
                            + block.header().txRoot().shortHex()));
        }
        if (txs.isEmpty() || !(txs.getFirst() instanceof Coinbase coinbase)) {
            return Optional.of(
                    Verdict.invalid(InvalidReason.MISSING_COINBASE, "the first transaction must be the coinbase"));
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i) instanceof Coinbase) {
                return Optional.of(Verdict.invalid(
                        InvalidReason.MISPLACED_COINBASE, "transaction " + i + " is a second coinbase"));
            }
        }
        if (!coinbase.height().equals(block.header().height())) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.COINBASE_WRONG_HEIGHT,
                    "coinbase height " + coinbase.height() + " in block "
                            + block.header().height()));
        }
        return Optional.empty();
    }

    private static Verdict applyTransactions(
            ChainTip parent,
            Block block,
            ChainRules rules,
            ValidationContext context,
            List<Hash> txHashes,
            Round round) {
        StateDelta delta = new StateDelta(parent.state());
        Amount reward = block.header().proof() instanceof DqnProof p
                ? DqnRules.award(p, rules.dqn().orElseThrow())
                : PoleTransition.apply(
                        round, block.header().proof(), block.header().miner(), delta);
        LifelongTransition.begin(delta, block.header().height(), block.header().previous());
        HeldRewards.release(delta, block.header().height());
        Amount fees = Amount.ZERO;
        List<Transaction> txs = block.transactions();
        var missing = LifelongBlobs.missing(txs, delta.lifelong(), context.blobs());
        if (missing.isPresent()) {
            return new Verdict.Undecided(
                    UndecidedReason.MISSING_DATA,
                    "lifelong blob " + missing.get().shortHex() + " is missing: fetch it");
        }
        LifelongEnv env = new LifelongEnv(context.blobs(), context.pool());
        for (int i = 1; i < txs.size(); i++) {
            SignedTransaction tx = (SignedTransaction) txs.get(i);
            switch (TransactionProcessor.apply(
                    tx, delta, rules, context.verifier(), block.header().height(), env)) {
                case TxResult.Applied applied -> {
                    try {
                        fees = fees.add(applied.fee());
                    } catch (ArithmeticException e) {
                        return Verdict.invalid(InvalidReason.OVERFLOW, "the fees of the block overflow");
                    }
                }
                case TxResult.Rejected r -> {
                    return Verdict.invalid(
                            r.reason(),
                            "transaction " + i + " (" + txHashes.get(i).shortHex() + "): " + r.detail());
                }
            }
        }
        Coinbase coinbase = (Coinbase) txs.getFirst();
        Optional<Verdict> minted = credit(block, coinbase, fees, reward, rules, delta);
        if (minted.isPresent()) {
            return minted.get();
        }
        WorldState state = delta.commit();
        Hash root = state.root();
        if (!root.equals(block.header().stateRoot())) {
            return Verdict.invalid(
                    InvalidReason.STATE_ROOT_MISMATCH,
                    "the state after the block has root " + root.shortHex() + ", the header says "
                            + block.header().stateRoot().shortHex());
        }
        return new Verdict.Valid(parent.child(block.header(), state), fees, txHashes);
    }

    private static Optional<Verdict> credit(
            Block block, Coinbase coinbase, Amount fees, Amount reward, ChainRules rules, StateDelta delta) {
        Amount allowed;
        try {
            allowed = rules.blockSubsidy().add(fees).add(reward);
        } catch (ArithmeticException e) {
            allowed = Amount.MAX;
        }
        if (coinbase.amount().compareTo(allowed) > 0) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.COINBASE_TOO_LARGE,
                    "coinbase claims " + coinbase.amount()
                            + ", subsidy " + rules.blockSubsidy() + " + fees " + fees + " + round reward " + reward
                            + " allow "
                            + allowed));
        }
        if (block.header().proof() instanceof PoleProof p) {
            PoleCoinbase.hold(delta, block.header(), p, coinbase, reward);
            return Optional.empty();
        }
        try {
            delta.put(coinbase.recipient(), delta.account(coinbase.recipient()).credit(coinbase.amount()));
        } catch (ArithmeticException e) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.OVERFLOW,
                    "crediting the coinbase to " + coinbase.recipient() + " overflows its balance"));
        }
        return Optional.empty();
    }
}
