package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.blob.InMemoryBlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.Scheduler;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.InMemoryChainStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A chain service, an in-memory blob store and a peer service, for peer-protocol tests. */
final class P2pTestNode {
    final String name;
    final ChainService chain;
    final InMemoryBlobStore blobs;
    final PeerService peers;
    final Mempool mempool;
    /** Called with every gossip message that reached this node's sink (on the scheduler thread). */
    volatile Consumer<GossipMessage> tap = m -> {};

    P2pTestNode(String name, Genesis genesis, Scheduler scheduler, Clock clock, P2pConfig config) {
        this.name = name;
        this.blobs = new InMemoryBlobStore(genesis.limits().maxBlobBytes());
        this.mempool = new Mempool(
                MempoolConfig.DEFAULT, new AdmissionRules(ChainRules.of(genesis), SignatureVerifier.ED25519, true));
        EventBus bus = new EventBus(16);
        this.chain = ChainService.open(
                genesis,
                InMemoryChainStore.create(genesis.chainId()),
                mempool,
                bus,
                new NodeMetrics(),
                clock,
                SignatureVerifier.ED25519,
                new BlobStoreView(blobs),
                ComputePool.serial());
        bus.close();
        ChainGossipSink sink = new ChainGossipSink(chain);
        this.peers = new PeerService(config, chain, blobs, scheduler, (from, m) -> {
            sink.accept(from, m);
            tap.accept(m);
        });
    }

    static P2pConfig config(String name, VerifyLevel level) {
        return P2pConfig.defaults(Hash.sha256(name.getBytes()), 0, List.of(), level);
    }

    void importAll(List<Block> blocks) {
        for (Block b : blocks) {
            ImportResult r = chain.importSynced(b, VerifyLevel.SEGMENTS);
            if (!(r instanceof ImportResult.Connected) && !(r instanceof ImportResult.SideChain)) {
                throw new AssertionError(
                        name + " did not take block " + b.hash().shortHex() + ": " + r);
            }
        }
    }

    void putBlobs(Map<Hash, byte[]> all) {
        all.values().forEach(b -> {
            try {
                blobs.put(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    long height() {
        return chain.head().height().value();
    }

    Hash tip() {
        return chain.head().hash();
    }
}
