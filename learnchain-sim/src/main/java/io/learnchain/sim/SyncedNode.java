package io.learnchain.sim;

import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.pole.PoleNode;
import io.learnchain.node.storage.RocksDbChainStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Node 0's chain synced into a fresh node, as a late joiner gets it: a {@link ChainService} on
 * RocksDB in a temporary folder, with node 0's blobs at hand, each block imported the way
 * {@code SyncProcess} imports it ({@link ChainService#importSynced}) at a verification level. What
 * seed 002 left out (its item 6), measured on the node's own import path, without the network.
 */
public final class SyncedNode {
    private SyncedNode() {}

    /** {@code blocks}, {@code poleBlocks}, {@code seconds}, {@code reachedTip} of a sync at {@code level}. */
    public static Map<String, Object> sync(SimOutcome o, VerifyLevel level, ComputePool pool) {
        PoleNode n0 = o.nodes().getFirst();
        Path dir;
        try {
            dir = Files.createTempDirectory("learnchain-sim-sync");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the syncing node: " + e.getMessage(), e);
        }
        long height = n0.chain().head().height().value();
        Map<String, Object> out = new LinkedHashMap<>();
        try (EventBus bus = new EventBus(16)) {
            RocksDbChainStore store = RocksDbChainStore.open(dir, o.genesis().chainId());
            try {
                ChainService chain = ChainService.open(
                        o.genesis(),
                        store,
                        new Mempool(
                                MempoolConfig.DEFAULT,
                                new AdmissionRules(ChainRules.of(o.genesis()), SignatureVerifier.ED25519, true)),
                        bus,
                        new NodeMetrics(),
                        () -> Long.MAX_VALUE / 4,
                        SignatureVerifier.ED25519,
                        new BlobStoreView(o.blobs()),
                        pool);
                int pole = 0;
                long start = System.nanoTime();
                for (long h = 1; h <= height; h++) {
                    Block b = n0.chain().blockAt(Height.of(h)).orElseThrow();
                    if (!(chain.importSynced(b, level) instanceof ImportResult.Connected)) {
                        break;
                    }
                    if (b.header().proof() instanceof PoleProof) {
                        pole++;
                    }
                }
                out.put("blocks", chain.head().height().value());
                out.put("poleBlocks", pole);
                out.put("seconds", (System.nanoTime() - start) / 1e9);
                out.put("reachedTip", chain.head().hash().equals(o.tipHash()));
            } finally {
                store.close();
            }
        } finally {
            delete(dir);
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
