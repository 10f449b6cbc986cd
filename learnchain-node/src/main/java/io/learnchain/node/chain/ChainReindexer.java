package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.storage.BlockInfo;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.ChainUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `learnchain chain reindex`: rebuilds everything derived from the stored blocks (canonical index,
 * transaction index, account state, undo records, tip). It picks the best branch whose blocks all
 * re-execute from genesis (fork choice over the stored tips; an invalid block cuts its branch
 * there), clears the derived data, then connects the branch block by block, each in its own
 * durable batch. The batch that clears the derived data also marks the store as being reindexed, and
 * only the end of the reindex removes the mark: a store left by an interrupted reindex refuses to open
 * for a node (it would otherwise open on a consistent but shorter chain, and a node mining on it would
 * abandon the rest), and running the reindex again rebuilds it in full.
 */
public final class ChainReindexer {
    private static final Logger LOG = LoggerFactory.getLogger(ChainReindexer.class);

    /** What the reindex rebuilt: the new tip, how many blocks it connected and how many stored blocks it left out. */
    public record Result(
            Height height, Hash tipHash, long blocksConnected, long blocksLeftOut, Optional<String> cutShort) {}

    private final Genesis genesis;
    private final ChainStore store;
    private final ChainRules rules;
    private final BlobView blobs;
    private final ComputePool pool;
    private final DqnLearners learners;

    /** A reindex of a chain whose blocks need no blobs (idle and dqn chains). */
    public ChainReindexer(Genesis genesis, ChainStore store) {
        this(genesis, store, BlobView.NONE, ComputePool.serial());
    }

    /**
     * A reindex that re-executes pole and lifelong blocks with the weights and data sets in
     * {@code blobs}, on {@code pool} (its thread count never changes a verdict).
     */
    public ChainReindexer(Genesis genesis, ChainStore store, BlobView blobs, ComputePool pool) {
        this.genesis = genesis;
        this.store = store;
        this.rules = ChainRules.of(genesis);
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.learners = StoredLearners.of(genesis, store, pool);
    }

    /** Rebuilds the derived data; {@code progress} gets each height written. */
    public Result reindex(LongConsumer progress) {
        Map<Hash, BlockInfo> infos = new HashMap<>();
        store.forEachBlockInfo(info -> infos.put(info.hash(), info));
        infos.remove(genesis.chainId());
        Replay best = null; // the first branch tried keeps its reason even when not one of its blocks connects
        for (BlockInfo tip : tipsBestFirst(infos)) {
            if (best != null && best.blocks().size() > tip.height().value()) {
                break;
            }
            List<Hash> path = pathTo(tip, infos);
            Replay replay = path.isEmpty()
                    ? new Replay(
                            List.of(),
                            List.of(),
                            Optional.of("an ancestor of block " + tip.hash().toHex() + " is not stored"))
                    : replay(path);
            if (best == null || replay.blocks().size() > best.blocks().size()) {
                best = replay;
            }
            if (replay.cutShort().isEmpty()) {
                break;
            }
        }
        if (best == null) {
            best = new Replay(List.of(), List.of(), Optional.empty());
        }
        write(best, progress);
        ChainTip last =
                best.tips().isEmpty() ? ChainTip.genesis(genesis) : best.tips().getLast();
        long leftOut = infos.size() - best.blocks().size();
        LOG.info(
                "reindexed {}: tip {} at height {}, {} block(s) connected, {} stored block(s) left out",
                store.location(),
                last.hash().shortHex(),
                last.height(),
                best.blocks().size(),
                leftOut);
        return new Result(last.height(), last.hash(), best.blocks().size(), leftOut, best.cutShort());
    }

    private record Replay(List<Block> blocks, List<ChainTip> tips, Optional<String> cutShort) {}

    /** Stored blocks that no stored block builds on, best first by fork choice. */
    private static List<BlockInfo> tipsBestFirst(Map<Hash, BlockInfo> infos) {
        Set<Hash> parents = new HashSet<>();
        infos.values().forEach(i -> parents.add(i.parent()));
        Comparator<BlockInfo> order = Comparator.comparing(
                i -> new ChainSummary(i.height(), i.score(), i.cumulativeScore(), i.hash()), ForkChoice.ORDER);
        return infos.values().stream()
                .filter(i -> !parents.contains(i.hash()))
                .sorted(order.reversed())
                .toList();
    }

    /** The hashes from block 1 up to {@code tip}, or empty when an ancestor is missing. */
    private List<Hash> pathTo(BlockInfo tip, Map<Hash, BlockInfo> infos) {
        List<Hash> path = new ArrayList<>();
        BlockInfo at = tip;
        while (true) {
            path.addFirst(at.hash());
            if (at.parent().equals(genesis.chainId())) {
                return path;
            }
            at = infos.get(at.parent());
            if (at == null) {
                return List.of();
            }
        }
    }

    private Replay replay(List<Hash> path) {
        List<Block> blocks = new ArrayList<>();
        List<ChainTip> tips = new ArrayList<>();
        ChainTip tip = ChainTip.genesis(genesis);
        for (Hash hash : path) {
            Optional<Block> block = decode(hash);
            if (block.isEmpty()) {
                return new Replay(blocks, tips, Optional.of("block " + hash.toHex() + " is unreadable"));
            }
            Verdict verdict = BlockProcessor.apply(
                    tip,
                    block.get(),
                    rules,
                    ValidationContext.at(block.get().header().timestamp())
                            .withBlobs(blobs)
                            .withPool(pool)
                            .withLearners(learners));
            if (!(verdict instanceof Verdict.Valid valid)) {
                return new Replay(blocks, tips, Optional.of("block " + hash.toHex() + " does not verify: " + verdict));
            }
            tip = valid.tip();
            blocks.add(block.get());
            tips.add(tip);
        }
        return new Replay(blocks, tips, Optional.empty());
    }

    private Optional<Block> decode(Hash hash) {
        try {
            return store.block(hash)
                    .map(BlockCodec.BLOCK::decode)
                    .filter(b -> b.hash().equals(hash));
        } catch (CodecException e) {
            return Optional.empty();
        }
    }

    private void write(Replay replay, LongConsumer progress) {
        store.clearDerivedData();
        ChainStateLoader loader = new ChainStateLoader(genesis, store);
        loader.initialiseIfEmpty();
        BlockInfo parentInfo = ChainStateLoader.genesisInfo(genesis);
        WorldState before = genesis.initialState();
        for (int i = 0; i < replay.blocks().size(); i++) {
            Block block = replay.blocks().get(i);
            ChainTip after = replay.tips().get(i);
            BlockInfo info = BlockWrites.info(block, parentInfo);
            ChainUpdate update = new ChainUpdate();
            BlockWrites.storeBlock(update, block, info);
            BlockWrites.connect(update, block, before, after.state());
            BlockWrites.writeState(update, block, before, after.state());
            update.setTip(info.hash(), info.height());
            store.commit(update);
            progress.accept(info.height().value());
            parentInfo = info;
            before = after.state();
        }
        store.finishReindex();
    }
}
