package io.learnchain.node.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.dqn.LearnerCache;
import io.learnchain.chain.dqn.PublicLearner;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.pole.CandidateSelection;
import io.learnchain.chain.pole.ReplayVerifier;
import io.learnchain.chain.pole.RoundCommitments;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.WitnessedCommitment;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.mempool.Admission;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.BlockInfo;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.StorageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects blocks: validates them with the chain module's pure state transition, applies fork
 * choice, reorganises, and writes every change as ONE durable batch before anyone hears of it
 * (events, logs, the head seen by the API and miner). Used by the miner, the API and, later, sync.
 * Imports are serialised; reads of {@link #head()} are lock-free snapshots.
 */
public final class ChainService {
    private static final Logger LOG = LoggerFactory.getLogger(ChainService.class);
    private static final int BAD_BLOCK_CAPACITY = 1024;

    private final Genesis genesis;
    private final ChainRules rules;
    private final ChainStore store;
    private final Mempool mempool;
    private final EventBus events;
    private final NodeMetrics metrics;
    private final Clock clock;
    private final SignatureVerifier verifier;
    private final ChainStateLoader loader;
    private final BadBlockCache badBlocks = new BadBlockCache(BAD_BLOCK_CAPACITY);
    private final BlobView blobs;
    private final ComputePool pool;
    private final RoundCommitments commitments = new RoundCommitments();
    private volatile LearnerCache learners;
    private volatile ChainHead head;

    private ChainService(
            Genesis genesis,
            ChainStore store,
            Mempool mempool,
            EventBus events,
            NodeMetrics metrics,
            Clock clock,
            SignatureVerifier verifier,
            BlobView blobs,
            ComputePool pool) {
        this.genesis = genesis;
        this.blobs = blobs;
        this.pool = pool;
        this.rules = ChainRules.of(genesis);
        this.store = store;
        this.mempool = mempool;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.verifier = verifier;
        this.loader = new ChainStateLoader(genesis, store);
        this.learners = rules.dqn()
                .map(p -> new LearnerCache(p, genesis.chainId(), pool, LearnerCache.DEFAULT_ENTRIES))
                .orElse(null);
        loader.initialiseIfEmpty();
        this.head = loader.loadHead();
    }

    /**
     * Opens the chain on {@code store}, writing genesis first if the store is empty.
     *
     * @throws io.learnchain.node.storage.StoreCorruptedException when the stored chain is damaged
     */
    public static ChainService open(
            Genesis genesis, ChainStore store, Mempool mempool, EventBus events, NodeMetrics metrics, Clock clock) {
        return open(genesis, store, mempool, events, metrics, clock, SignatureVerifier.ED25519);
    }

    /** As above, checking transaction signatures with {@code verifier} (e.g. a {@code SignatureCache}). */
    public static ChainService open(
            Genesis genesis,
            ChainStore store,
            Mempool mempool,
            EventBus events,
            NodeMetrics metrics,
            Clock clock,
            SignatureVerifier verifier) {
        return open(genesis, store, mempool, events, metrics, clock, verifier, BlobView.NONE, ComputePool.serial());
    }

    /**
     * As above, reading the blobs pole blocks need (training sets, shards, models) from {@code blobs}
     * and evaluating candidates on {@code pool} (its thread count never changes a verdict).
     */
    public static ChainService open(
            Genesis genesis,
            ChainStore store,
            Mempool mempool,
            EventBus events,
            NodeMetrics metrics,
            Clock clock,
            SignatureVerifier verifier,
            BlobView blobs,
            ComputePool pool) {
        ChainService service = new ChainService(
                genesis,
                store,
                mempool,
                events,
                metrics,
                clock,
                verifier,
                Objects.requireNonNull(blobs, "blobs"),
                Objects.requireNonNull(pool, "pool"));
        metrics.gauge(
                "learnchain.chain.height",
                "height of the canonical tip",
                () -> service.head.height().value());
        metrics.gauge("learnchain.mempool.size", "pending transactions", mempool::size);
        metrics.gauge(
                "learnchain.tasks.open",
                "learning tasks still open (rounds to go)",
                () -> service.head.tip().state().tasks().all().stream()
                        .filter(t -> t.isOpen())
                        .count());
        LOG.info(
                "chain {} opened at height {} (tip {})",
                genesis.chainId().shortHex(),
                service.head.height(),
                service.head.hash().shortHex());
        return service;
    }

    public ChainHead head() {
        return head;
    }

    public Genesis genesis() {
        return genesis;
    }

    public ChainRules rules() {
        return rules;
    }

    /** The transaction signature check blocks are validated with (the miner assembles with it too). */
    public SignatureVerifier signatureVerifier() {
        return verifier;
    }

    /** Validates {@code block} and connects it, stores it on a side branch, or says why not. */
    public synchronized ImportResult importBlock(Block block) {
        return importSynced(block, VerifyLevel.SEGMENTS);
    }

    /**
     * Imports a block fetched by sync (PROTOCOL.md 3.6, 6) by the same rules as a block received live
     * (its commitment's timing is read from its reveal's list, chain data), its challenged work
     * segments replayed like every block's. At
     * {@link VerifyLevel#REPLAY} a pole block that extends the tip is also re-trained from its
     * record; when the replay departs from the committed checkpoints the block is still connected
     * (the consensus rules accept it: a node that refused it would leave the network's chain) and
     * the departure is logged as a warning with the segment a fraud proof would open (PROTOCOL.md
     * 3.8). Blocks of a branch being switched to get the default checks.
     */
    public synchronized ImportResult importSynced(Block block, VerifyLevel level) {
        return importWith(block, level);
    }

    private ImportResult importWith(Block block, VerifyLevel level) {
        Hash hash = block.hash();
        ValidationContext ctx = context();
        try {
            return metrics.blockConnectTime.recordCallable(() -> importUnlocked(block, hash, ctx, level));
        } catch (StorageException e) {
            LOG.error(
                    "block {} could not be stored: {}; it is not marked bad and can be retried",
                    hash.shortHex(),
                    e.getMessage());
            return new ImportResult.Deferred(hash, UndecidedReason.STORAGE_FAILURE, e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("importing block " + hash.toHex() + " failed", e);
        }
    }

    private ImportResult importUnlocked(Block block, Hash hash, ValidationContext ctx, VerifyLevel level) {
        if (store.blockInfo(hash).isPresent()) {
            return new ImportResult.AlreadyKnown(hash);
        }
        Optional<BadBlockCache.BadBlock> bad = badBlocks.get(hash);
        if (bad.isPresent()) {
            return new ImportResult.Rejected(
                    hash, bad.get().reason(), "known bad block: " + bad.get().detail());
        }
        Hash parent = block.header().previous();
        Optional<BadBlockCache.BadBlock> badParent = badBlocks.get(parent);
        if (badParent.isPresent()) {
            return rejected(hash, badParent.get().reason(), "descends from bad block " + parent.shortHex());
        }
        Optional<BlockInfo> parentInfo = store.blockInfo(parent);
        if (parentInfo.isEmpty()) {
            return new ImportResult.Deferred(
                    hash, UndecidedReason.UNKNOWN_PARENT, "parent " + parent.toHex() + " is not known here yet");
        }
        if (parent.equals(head.hash())) {
            return extendTip(block, hash, parentInfo.get(), ctx, level);
        }
        return importOffTip(block, hash, parentInfo.get(), ctx);
    }

    /**
     * Records a verified commitment in this node's commitment log (PROTOCOL.md 3.3): a requester's
     * reveal lists those recorded before it. Returns false when the signature does not verify.
     */
    public synchronized boolean recordCommitment(Commitment commitment, Signature signature) {
        return commitments.record(commitment, signature);
    }

    /** The shard of the round on {@code previous} was revealed here: later commitments for it are late. */
    public synchronized void recordReveal(Hash previous) {
        commitments.reveal(previous);
    }

    /** How this node saw {@code commitment} (before or after the reveal, or never). */
    public synchronized RoundCommitments.Sighting sighting(Commitment commitment) {
        return commitments.sighting(commitment);
    }

    /**
     * The commitments for {@code taskId} on {@code previous} recorded here before that round's
     * reveal, in arrival order: what this node's requester lists when it reveals. When more arrived
     * than a reveal lists, those of miners with a balance at the tip come first (a flood under fresh,
     * unfunded keys cannot push them off the list).
     */
    public synchronized List<WitnessedCommitment> witnessedCommitments(Hash previous, long taskId) {
        return commitments.witnessed(
                previous, taskId, miner -> !account(Address.of(miner)).balance().isZero());
    }

    /** The blobs this node validates pole blocks with. */
    public BlobView blobs() {
        return blobs;
    }

    private ImportResult rejected(Hash hash, InvalidReason reason, String detail) {
        if (reason == InvalidReason.TX_ROOT_MISMATCH) {
            // The body is not the one the header commits to: the header (and so the hash) may be
            // sound and its honest body may still arrive (SCENARIOS.md A6); blame the sender only.
            metrics.blocksInvalid.increment();
            LOG.info("refused a body for block {} that does not match its header ({})", hash.shortHex(), detail);
            return new ImportResult.Rejected(hash, reason, detail);
        }
        badBlocks.add(hash, reason, detail);
        metrics.blocksInvalid.increment();
        LOG.warn("rejected block {}: {} ({})", hash.shortHex(), reason, detail);
        return new ImportResult.Rejected(hash, reason, detail);
    }

    /**
     * Forgets the commitment log's rounds more than the reorganisation limit behind the tip (a
     * branch that deep is refused anyway), so the log stays bounded on a long-running node.
     */
    private void pruneCommitments() {
        long keepFrom = head.height().value() - rules.limits().maxReorgDepth();
        if (keepFrom > 1) {
            commitments.pruneBelow(keepFrom);
        }
    }

    private ValidationContext context() {
        DqnLearners dqn = learners == null ? DqnLearners.NONE : learners.over(this::header);
        return new ValidationContext(clock.seconds(), verifier, blobs, pool, dqn);
    }

    private Optional<BlockHeader> header(Hash hash) {
        return block(hash).map(Block::header);
    }

    /**
     * On a dqn chain: lets this node rebuild proposers' learners in {@code shared}, a cache of
     * another node of the same chain in this process (a simulation). Its states are pure functions
     * of chain data, so sharing saves work and changes no verdict.
     */
    public void shareLearners(LearnerCache shared) {
        if (learners == null) {
            throw new IllegalStateException("learners exist only on a dqn chain");
        }
        learners = Objects.requireNonNull(shared, "shared");
    }

    /** On a dqn chain: what {@code proposer}'s child of {@code parent} must carry (empty on another engine). */
    public Optional<DqnLearners.Work> learnerWork(Hash parent, PublicKey proposer) {
        return learners == null ? Optional.empty() : learners.over(this::header).work(parent, proposer);
    }

    /** On a dqn chain: a copy of {@code proposer}'s public learner at {@code block} (empty on another engine). */
    public Optional<PublicLearner> learner(Hash block, PublicKey proposer) {
        return learners == null ? Optional.empty() : learners.learner(block, proposer, this::header);
    }

    private ImportResult extendTip(
            Block block, Hash hash, BlockInfo parentInfo, ValidationContext ctx, VerifyLevel level) {
        Verdict verdict = BlockProcessor.apply(head.tip(), block, rules, ctx);
        if (level == VerifyLevel.REPLAY
                && verdict instanceof Verdict.Valid
                && block.header().proof() instanceof PoleProof) {
            ReplayVerifier.Outcome replay =
                    ReplayVerifier.replay(head.tip(), rules, block, ctx.blobs(), ctx.pool(), level.maxReplaySteps());
            switch (replay) {
                case ReplayVerifier.Outcome.Reproduced r -> {}
                case ReplayVerifier.Outcome.Mismatch m ->
                    LOG.warn(
                            "FALSE WORK in block {} at height {}: its record departs from the committed checkpoints at "
                                    + "segment {}; the chain accepts the block, its payout can be refuted by a fraud "
                                    + "proof while it is held (docs/protocol.md 3.8)",
                            hash.shortHex(),
                            block.header().height(),
                            m.segment());
                case ReplayVerifier.Outcome.NotReplayed n ->
                    LOG.info("block {} was not replayed: {}", hash.shortHex(), n.why());
            }
        }
        return switch (verdict) {
            case Verdict.Valid valid -> connectValid(block, valid, parentInfo);
            case Verdict.Invalid invalid -> rejected(hash, invalid.reason(), invalid.detail());
            case Verdict.Undecided undecided -> new ImportResult.Deferred(hash, undecided.reason(), undecided.detail());
        };
    }

    /** Writes {@code block}, validated on the current tip as {@code valid}, as the new tip in one batch. */
    private ImportResult connectValid(Block block, Verdict.Valid valid, BlockInfo parentInfo) {
        ChainHead current = head;
        Hash hash = block.hash();
        BlockInfo info = BlockWrites.info(block, parentInfo);
        ChainUpdate update = new ChainUpdate();
        BlockWrites.storeBlock(update, block, info);
        BlockWrites.connect(update, block, current.tip().state(), valid.tip().state());
        BlockWrites.writeState(update, block, current.tip().state(), valid.tip().state());
        update.setTip(hash, info.height());
        store.commit(update);
        head = new ChainHead(valid.tip(), summaryOf(info));
        pruneCommitments();
        mempool.removeIncluded(block.transactions());
        mempool.prune(valid.tip().state());
        announceConnected(block);
        return new ImportResult.Connected(hash, false);
    }

    /**
     * Chooses the round's block among {@code candidates} on the current tip (PROTOCOL.md 3.4, the
     * chain's {@link CandidateSelection}: claimed score first, at most the round's evaluation cap,
     * a failed source's other candidates dropped) and connects the winner without evaluating it
     * again. Candidates not on the tip are left undecided (import them one by one). Invalid ones are
     * remembered as bad unless the reason is local.
     *
     * @throws StorageException when the winner could not be written (nothing is marked bad then)
     */
    public synchronized CandidateSelection.Selection importCandidates(List<CandidateSelection.Candidate> candidates) {
        ChainHead current = head;
        ValidationContext ctx = context();
        List<CandidateSelection.Candidate> fresh = candidates.stream()
                .filter(c -> store.blockInfo(c.block().hash()).isEmpty())
                .toList();
        CandidateSelection.Selection selection = CandidateSelection.select(fresh, b -> {
            if (!b.header().previous().equals(current.hash())) {
                return new Verdict.Undecided(UndecidedReason.UNKNOWN_PARENT, "not a child of the tip");
            }
            Optional<BadBlockCache.BadBlock> bad = badBlocks.get(b.hash());
            if (bad.isPresent()) {
                return new Verdict.Invalid(
                        bad.get().reason(), "known bad block: " + bad.get().detail());
            }
            return BlockProcessor.apply(current.tip(), b, rules, ctx);
        });
        for (CandidateSelection.Rejection r : selection.rejected()) {
            rejected(r.blockHash(), r.reason(), r.detail());
        }
        if (selection.winner().isPresent() && selection.winningBlock().isPresent()) {
            Block winner = selection.winningBlock().get();
            BlockInfo parentInfo = store.blockInfo(current.hash()).orElseThrow();
            connectValid(winner, selection.winner().get(), parentInfo);
        }
        return selection;
    }

    private static ChainSummary summaryOf(BlockInfo info) {
        return new ChainSummary(info.height(), info.score(), info.cumulativeScore(), info.hash());
    }

    private void announceConnected(Block block) {
        BlockHeader h = block.header();
        metrics.blocksConnected.increment();
        LOG.info(
                "connected block {} at height {} with {} transaction(s)",
                block.hash().shortHex(),
                h.height(),
                block.transactions().size() - 1);
        events.publish(new NodeEvent.BlockConnected(
                block.hash(), h.height(), h.previous(), block.transactions().size(), h.timestamp()));
    }

    private ImportResult importOffTip(Block block, Hash hash, BlockInfo parentInfo, ValidationContext ctx) {
        if (!IdleSealer.meetsWorkIfAny(block.header())) {
            // A pole or dqn block does no hash work: its cheap side-branch check is the miner
            // signature below; its learning is verified in full when its branch becomes better.
            return rejected(hash, InvalidReason.INSUFFICIENT_WORK, "side-branch block does not meet its difficulty");
        }
        if (!verifier.verifyHeader(block.header())) {
            return rejected(hash, InvalidReason.BAD_BLOCK_SIGNATURE, "side-branch block has a bad miner signature");
        }
        BlockInfo info = BlockWrites.info(block, parentInfo);
        ChainSummary candidate = summaryOf(info);
        if (!ForkChoice.isBetter(candidate, head.summary())) {
            storeSideBlock(block, info);
            return new ImportResult.SideChain(hash, "its branch is not better than the canonical chain");
        }
        Reorganisation plan = Reorganisation.plan(store, loader, head, parentInfo);
        ForkChoice.Decision decision = ForkChoice.choose(
                head.summary(),
                candidate,
                plan.forkPoint().height(),
                rules.limits().maxReorgDepth(),
                rules.dqn().isPresent());
        if (decision == ForkChoice.Decision.KEEP) {
            storeSideBlock(block, info);
            return new ImportResult.SideChain(
                    hash,
                    "its branch is as long as the canonical chain and forks "
                            + (head.height().value() - plan.forkPoint().height().value())
                            + " blocks down: on a dqn chain only a longer branch replaces more than the tip");
        }
        if (decision == ForkChoice.Decision.REFUSE_TOO_DEEP) {
            storeSideBlock(block, info);
            LOG.warn(
                    "refused to reorganise to block {}: it would undo {} blocks, more than the limit {}",
                    hash.shortHex(),
                    head.height().value() - plan.forkPoint().height().value(),
                    rules.limits().maxReorgDepth());
            return new ImportResult.SideChain(
                    hash,
                    "switching to it would undo more than " + rules.limits().maxReorgDepth() + " blocks");
        }
        return reorganise(plan, block, info, ctx);
    }

    private void storeSideBlock(Block block, BlockInfo info) {
        ChainUpdate update = new ChainUpdate();
        BlockWrites.storeBlock(update, block, info);
        store.commit(update);
    }

    private ImportResult reorganise(Reorganisation plan, Block block, BlockInfo info, ValidationContext ctx) {
        Reorganisation.Outcome outcome = plan.replay(block, info, rules, ctx);
        return switch (outcome) {
            case Reorganisation.Outcome.Switched switched -> {
                store.commit(switched.update());
                ChainHead old = head;
                head = switched.head();
                pruneCommitments();
                List<SignedTransaction> abandoned = switched.abandonedTransactions();
                for (Block connected : switched.connected()) {
                    mempool.removeIncluded(connected.transactions());
                }
                mempool.prune(head.tip().state());
                int returned = mempool.reinsert(abandoned, head.tip().state());
                metrics.reorganisations.increment();
                LOG.info(
                        "reorganised from {} (height {}) to {} (height {}): {} block(s) undone, {} transaction(s)"
                                + " back in the mempool",
                        old.hash().shortHex(),
                        old.height(),
                        head.hash().shortHex(),
                        head.height(),
                        switched.disconnected().size(),
                        returned);
                events.publish(new NodeEvent.Reorganized(
                        old.hash(),
                        head.hash(),
                        plan.forkPoint().height(),
                        switched.disconnected().size(),
                        switched.connected().size(),
                        returned));
                switched.connected().forEach(this::announceConnected);
                yield new ImportResult.Connected(block.hash(), true);
            }
            case Reorganisation.Outcome.BadBranch bad -> {
                rejected(bad.blockHash(), bad.reason(), bad.detail());
                if (!bad.blockHash().equals(block.hash())) {
                    rejected(
                            block.hash(),
                            bad.reason(),
                            "descends from bad block " + bad.blockHash().shortHex());
                }
                yield new ImportResult.Rejected(block.hash(), bad.reason(), bad.detail());
            }
            case Reorganisation.Outcome.Undecided undecided ->
                new ImportResult.Deferred(block.hash(), undecided.reason(), undecided.detail());
        };
    }

    /**
     * Offers a user transaction to the mempool on top of the current tip; on acceptance the
     * {@link NodeEvent.TransactionAccepted} event goes out.
     */
    public Admission submitTransaction(SignedTransaction tx) {
        Admission admission = mempool.add(tx, head.tip().state());
        switch (admission) {
            case Admission.Accepted accepted -> {
                metrics.transactionsAccepted.increment();
                events.publish(new NodeEvent.TransactionAccepted(
                        accepted.hash(),
                        tx.body().senderAddress().toString(),
                        tx.body().nonce(),
                        tx.body().fee().units()));
            }
            case Admission.Rejected rejected ->
                metrics.transactionRejected(rejected.reason().code());
        }
        return admission;
    }

    public Mempool mempool() {
        return mempool;
    }

    // ---- queries ----------------------------------------------------------------------------

    /** A stored block by hash (canonical or not); empty for unknown hashes and for the genesis. */
    public Optional<Block> block(Hash hash) {
        if (hash.equals(genesis.chainId()) || store.blockInfo(hash).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(loader.block(hash));
    }

    public Optional<BlockInfo> blockInfo(Hash hash) {
        return store.blockInfo(hash);
    }

    public Optional<Hash> canonicalHash(Height height) {
        return store.canonicalHash(height);
    }

    /** The canonical block at {@code height}; empty above the tip and at height 0 (the genesis is not a block). */
    public Optional<Block> blockAt(Height height) {
        if (height.isGenesis()) {
            return Optional.empty();
        }
        return store.canonicalHash(height).map(loader::block);
    }

    public boolean isCanonical(Hash hash) {
        return store.blockInfo(hash)
                .flatMap(i -> store.canonicalHash(i.height()))
                .map(hash::equals)
                .orElse(false);
    }

    /** A transaction of the canonical chain with where it sits. */
    public Optional<IncludedTransaction> transaction(Hash txHash) {
        return store.transaction(txHash)
                .map(loc -> new IncludedTransaction(
                        loader.block(loc.blockHash()).transactions().get(loc.index()), loc));
    }

    /** The account at the canonical tip ({@link Account#EMPTY} if never touched). */
    public Account account(Address address) {
        return head.tip().state().account(address);
    }

    /** Re-executes the canonical chain from genesis; see {@link ChainVerifier}. */
    public ChainVerifier.Report verifyFromGenesis() {
        return verifyFromGenesis(height -> {});
    }

    /** As {@link #verifyFromGenesis()}, calling {@code progress} with each height verified (for a progress bar). */
    public ChainVerifier.Report verifyFromGenesis(LongConsumer progress) {
        return verifyFromGenesis(progress, false);
    }

    /** As above; with {@code replay} every pole block is also re-trained from its record. */
    public ChainVerifier.Report verifyFromGenesis(LongConsumer progress, boolean replay) {
        return new ChainVerifier(genesis, store, loader, blobs, pool).verify(head, progress, replay);
    }

    /** A summary of the canonical chain. */
    public ChainInfo info() {
        ChainHead h = head;
        var state = h.tip().state();
        return new ChainInfo(
                genesis.chainId(),
                genesis.chainName(),
                genesis.engine().name(),
                h.height(),
                h.hash(),
                h.tip().timestamp(),
                h.tip().nextDifficulty(rules),
                state.size(),
                state.totalSupply(),
                store.location());
    }
}
