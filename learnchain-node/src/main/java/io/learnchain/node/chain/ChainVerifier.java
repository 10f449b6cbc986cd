package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.pole.ReplayVerifier;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Full re-verification of the canonical chain (`learnchain chain verify`): re-executes every block
 * from genesis with the chain's state transition, checks that each stored block still hashes to
 * its index entry, and that the final state equals the stored tip state. Reports the first bad block.
 */
public final class ChainVerifier {

    /** Where verification stopped and why. */
    public record Failure(Height height, Hash hash, String problem) {
        public Failure {
            Objects.requireNonNull(height, "height");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * A pole block the consensus accepted whose full replay departs from its committed checkpoints
     * at {@code segment} (only with {@code replay}); {@code refuted}: a fraud proof already took its
     * payout (PROTOCOL.md 3.8).
     */
    public record FalseWork(Height height, Hash hash, int segment, boolean refuted) {}

    /**
     * {@code blocksChecked} blocks re-executed ({@code poleBlocks} of them pole blocks, whose work was
     * checked); {@code firstBad} empty when the whole chain verified; {@code falseWork} what a full
     * replay found (empty without {@code replay}).
     */
    public record Report(
            Height tipHeight,
            Hash tipHash,
            long blocksChecked,
            long poleBlocks,
            Optional<Failure> firstBad,
            List<FalseWork> falseWork) {
        public boolean ok() {
            return firstBad.isEmpty();
        }
    }

    private final Genesis genesis;
    private final ChainStore store;
    private final ChainStateLoader loader;
    private final BlobView blobs;
    private final ComputePool pool;
    private final DqnLearners learners;

    ChainVerifier(Genesis genesis, ChainStore store, ChainStateLoader loader) {
        this(genesis, store, loader, BlobView.NONE, ComputePool.serial());
    }

    /** Re-executes with {@code blobs} (the blocks' weights and data sets; lifelong and pole blocks need them). */
    ChainVerifier(Genesis genesis, ChainStore store, ChainStateLoader loader, BlobView blobs, ComputePool pool) {
        this.genesis = genesis;
        this.store = store;
        this.loader = loader;
        this.blobs = blobs;
        this.pool = pool;
        this.learners = StoredLearners.of(genesis, store, pool);
    }

    Report verify(ChainHead head) {
        return verify(head, h -> {}, false);
    }

    /**
     * Verifies up to {@code head}, calling {@code progress} with each height checked; with
     * {@code replay} every pole block is also re-trained from its record (PROTOCOL.md 3.6).
     */
    Report verify(ChainHead head, LongConsumer progress, boolean replay) {
        ChainRules rules = ChainRules.of(genesis);
        ChainTip tip = ChainTip.genesis(genesis);
        long checked = 0;
        long pole = 0;
        List<FalseWork> falseWork = new ArrayList<>();
        for (long h = 1; h <= head.height().value(); h++) {
            Height height = Height.of(h);
            Optional<Hash> hash = store.canonicalHash(height);
            if (hash.isEmpty()) {
                return failed(head, checked, height, Hash.ZERO, "the canonical index has no block at this height");
            }
            Block block;
            try {
                block = BlockCodec.BLOCK.decode(
                        store.block(hash.get()).orElseThrow(() -> new StorageException("the block bytes are missing")));
            } catch (CodecException | StorageException e) {
                return failed(head, checked, height, hash.get(), "the stored block is unreadable: " + e.getMessage());
            }
            if (!block.hash().equals(hash.get())) {
                return failed(
                        head,
                        checked,
                        height,
                        hash.get(),
                        "the stored block hashes to " + block.hash().toHex() + ", not to its index entry");
            }
            Verdict verdict = BlockProcessor.apply(
                    tip,
                    block,
                    rules,
                    ValidationContext.at(block.header().timestamp())
                            .withBlobs(blobs)
                            .withPool(pool)
                            .withLearners(learners));
            if (verdict instanceof Verdict.Valid && block.header().proof() instanceof PoleProof p) {
                pole++;
                if (replay
                        && ReplayVerifier.replay(tip, rules, block, blobs, pool, Long.MAX_VALUE)
                                instanceof ReplayVerifier.Outcome.Mismatch m) {
                    boolean refuted = head.tip()
                            .state()
                            .tasks()
                            .get(p.taskId())
                            .map(t -> t.refuted().contains(p.modelHash()))
                            .orElse(false);
                    falseWork.add(new FalseWork(height, hash.get(), m.segment(), refuted));
                }
            }
            switch (verdict) {
                case Verdict.Valid valid -> tip = valid.tip();
                case Verdict.Invalid invalid -> {
                    return failed(head, checked, height, hash.get(), invalid.reason() + ": " + invalid.detail());
                }
                case Verdict.Undecided undecided -> {
                    return failed(head, checked, height, hash.get(), undecided.reason() + ": " + undecided.detail());
                }
            }
            checked++;
            progress.accept(h);
        }
        if (!tip.hash().equals(head.hash())) {
            return failed(
                    head,
                    checked,
                    head.height(),
                    head.hash(),
                    "re-execution ends at " + tip.hash().toHex() + ", not at the stored tip");
        }
        Hash stored = loader.loadState().root();
        if (!stored.equals(tip.state().root())) {
            return failed(
                    head,
                    checked,
                    head.height(),
                    head.hash(),
                    "the stored account state has root " + stored.toHex() + " but re-execution gives "
                            + tip.state().root().toHex());
        }
        return new Report(head.height(), head.hash(), checked, pole, Optional.empty(), falseWork);
    }

    private static Report failed(ChainHead head, long checked, Height height, Hash hash, String problem) {
        return new Report(
                head.height(), head.hash(), checked, 0, Optional.of(new Failure(height, hash, problem)), List.of());
    }
}
