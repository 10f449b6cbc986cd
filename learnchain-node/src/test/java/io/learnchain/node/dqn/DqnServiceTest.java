package io.learnchain.node.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Height;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.node.DevChain;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.chain.ChainVerifier;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.wire.PeerAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A real node (in memory, system clock) on a dqn dev chain: it runs the dqn engine, alone and with a peer. */
class DqnServiceTest {
    private static final Genesis GENESIS = DevChain.dqnGenesis("gridworld");

    private static NodeConfig config(Genesis genesis, int miner) {
        return config(genesis, miner, NodeConfig.API_DISABLED);
    }

    private static NodeConfig config(Genesis genesis, int miner, int apiPort) {
        return new NodeConfig(
                Optional.empty(),
                genesis,
                NodeConfig.DEFAULT_HOST,
                apiPort,
                1,
                miner < 0 ? Optional.empty() : Optional.of(DevAccounts.keys(miner)),
                true,
                MempoolConfig.DEFAULT);
    }

    @Test
    void aDqnDevNodeMinesDqnBlocksAloneAndItsChainReExecutes() throws Exception {
        try (LearnchainNode node = LearnchainNode.start(config(GENESIS, 0, 0))) {
            assertThat(node.dqn()).isPresent();
            assertThat(node.pole()).isEmpty();
            assertThat(node.isMining()).isTrue();
            List<NodeEvent.Dqn> proposals = new CopyOnWriteArrayList<>();
            try (EventBus.Subscription sub = node.events().subscribe("test", e -> {
                if (e instanceof NodeEvent.Dqn d && d.event() instanceof DqnEvent.Proposed) {
                    proposals.add(d);
                }
            })) {
                waitFor(
                        "20 dqn blocks",
                        50_000,
                        () -> node.chain().head().height().value() >= 20);
            }
            long height = node.chain().head().height().value();
            for (long i = 1; i <= height; i++) {
                assertThat(node.chain()
                                .blockAt(new Height(i))
                                .orElseThrow()
                                .header()
                                .proof())
                        .isInstanceOf(DqnProof.class);
            }
            assertThat(proposals).hasSizeGreaterThanOrEqualTo(15);
            DqnProof tipProof = (DqnProof) node.chain()
                    .blockAt(new Height(height))
                    .orElseThrow()
                    .header()
                    .proof();
            var http = HttpClient.newHttpClient();
            String view = http.send(
                            HttpRequest.newBuilder(URI.create(node.apiUrl() + "/blocks/"
                                            + node.chain()
                                                    .blockAt(new Height(height))
                                                    .orElseThrow()
                                                    .hash()
                                                    .toHex()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(view)
                    .contains("\"type\":\"dqn\"")
                    .contains("\"step\":{\"action\":" + tipProof.action() + ",\"reward\":" + tipProof.reward()
                            + ",\"unshapedReward\":" + tipProof.unshapedReward());
            ChainVerifier.Report report = node.verify();
            assertThat(report.firstBad()).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.blocksChecked()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void twoDqnNodesJoinedByPeersAgreeOnOneTip() throws Exception {
        NodeConfig first = config(GENESIS, 0)
                .withP2p(P2pConfig.defaults(P2pConfig.randomNodeId(), 0, List.of(), VerifyLevel.SEGMENTS));
        try (LearnchainNode a = LearnchainNode.start(first)) {
            int port = a.peers().orElseThrow().port();
            NodeConfig second = config(GENESIS, 1)
                    .withP2p(P2pConfig.defaults(
                            P2pConfig.randomNodeId(),
                            0,
                            List.of(new PeerAddress("127.0.0.1", port)),
                            VerifyLevel.SEGMENTS));
            try (LearnchainNode b = LearnchainNode.start(second)) {
                waitFor(
                        "both nodes past height 8",
                        30_000,
                        () -> a.chain().head().height().value() >= 8
                                && b.chain().head().height().value() >= 8);
                a.dqn().orElseThrow().close();
                b.dqn().orElseThrow().close();
                waitFor(
                        "one tip",
                        10_000,
                        () -> a.chain().head().hash().equals(b.chain().head().hash()));
                assertThat(b.peers().orElseThrow().service().readyCount()).isEqualTo(1);
                assertThat(minersOf(a)).contains(DevAccounts.address(0), DevAccounts.address(1));
                assertThat(a.verify().ok()).isTrue();
                assertThat(b.verify().ok()).isTrue();
            }
        }
    }

    private static Set<Address> minersOf(LearnchainNode node) {
        Set<Address> miners = new HashSet<>();
        long height = node.chain().head().height().value();
        for (long i = 1; i <= height; i++) {
            miners.add(
                    node.chain().blockAt(new Height(i)).orElseThrow().header().minerAddress());
        }
        return miners;
    }

    static void waitFor(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
