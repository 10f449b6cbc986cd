package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.StorageException;
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

    /** {@code blocksChecked} blocks re-executed; {@code firstBad} empty when the whole chain verified. */
    public record Report(Height tipHeight, Hash tipHash, long blocksChecked, Optional<Failure> firstBad) {
        public boolean ok() {
            return firstBad.isEmpty();
        }
    }

    private final Genesis genesis;
    private final ChainStore store;
    private final ChainStateLoader loader;
    private final BlobView blobs;
    private final ComputePool pool;

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
    }

    Report verify(ChainHead head) {
        return verify(head, h -> {});
    }

    /** Verifies up to {@code head}, calling {@code progress} with each height checked. */
    Report verify(ChainHead head, LongConsumer progress) {
        ChainRules rules = ChainRules.of(genesis);
        ChainTip tip = ChainTip.genesis(genesis);
        long checked = 0;
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
                            .withPool(pool));
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
        return new Report(head.height(), head.hash(), checked, Optional.empty());
    }

    private static Report failed(ChainHead head, long checked, Height height, Hash hash, String problem) {
        return new Report(head.height(), head.hash(), checked, Optional.of(new Failure(height, hash, problem)));
    }
}
