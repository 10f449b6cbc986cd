package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.p2p.wire.PeerAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two real nodes (in memory, one process) joined by `--peer`: the follower syncs and follows the miner. */
class NodePeersTest {

    @Test
    void aNodeStartedWithAPeerFollowsTheMinersChain() throws Exception {
        NodeConfig minerConfig = NodeConfig.dev(Optional.empty(), NodeConfig.API_DISABLED, 1)
                .withP2p(P2pConfig.defaults(P2pConfig.randomNodeId(), 0, List.of(), VerifyLevel.SEGMENTS));
        try (LearnchainNode miner = LearnchainNode.start(minerConfig)) {
            NettyPeerTest.waitFor(
                    "the miner's first block",
                    10_000,
                    () -> miner.chain().head().height().value() >= 1);
            int port = miner.peers().orElseThrow().port();
            NodeConfig followerConfig = minerConfig
                    .withMinerKey(Optional.empty())
                    .withApiPort(0)
                    .withP2p(P2pConfig.defaults(
                            P2pConfig.randomNodeId(),
                            0,
                            List.of(new PeerAddress("127.0.0.1", port)),
                            VerifyLevel.SEGMENTS));
            try (LearnchainNode follower = LearnchainNode.start(followerConfig)) {
                NettyPeerTest.waitFor(
                        "the follower at the miner's height + 1",
                        15_000,
                        () -> follower.chain().head().height().value() >= 2
                                && follower.chain()
                                        .head()
                                        .hash()
                                        .equals(miner.chain().head().hash()));
                assertThat(follower.peers().orElseThrow().service().readyCount())
                        .isEqualTo(1);
                assertThat(miner.peers().orElseThrow().service().peers())
                        .singleElement()
                        .satisfies(p -> assertThat(p.inbound()).isTrue());
                var http = HttpClient.newHttpClient();
                String body = http.send(
                                HttpRequest.newBuilder(URI.create(follower.apiUrl() + "/peers"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(body)
                        .contains("\"enabled\":true")
                        .contains("\"address\":\"127.0.0.1:" + port + "\"")
                        .contains("\"ready\":true");
            }
        }
    }
}
