package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.state.TaskState;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.wire.PeerAddress;
import io.learnchain.node.pole.PoleConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's training set reaches the other miners as soon as the task is on their chain, not with
 * its first round's block: found by NamespaceNetworkIT, where only the node that posted a task could
 * train its first round. Here the round's reveal waits 120 s, so no round block can bring the data.
 */
class TaskDataReachesPeersTest {
    private static final PoleConfig FAST =
            PoleConfig.DEFAULT.withTraining(60, 32, 0.005f).withWindows(300, 200);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSecondMinerFetchesTheTrainingSetOfANewTaskAndTrainsItsFirstRound() throws Exception {
        NodeConfig requesterConfig = NodeConfig.dev(Optional.of(dir.resolve("requester")), 0, 1)
                .withP2p(P2pConfig.defaults(P2pConfig.randomNodeId(), 0, List.of(), VerifyLevel.SEGMENTS));
        try (LearnchainNode requester = LearnchainNode.start(requesterConfig, Clock.system(), FAST)) {
            NodeConfig minerConfig = NodeConfig.dev(Optional.of(dir.resolve("miner")), 0, 1)
                    .withMinerKey(Optional.of(DevAccounts.keys(1)))
                    .withP2p(P2pConfig.defaults(
                            P2pConfig.randomNodeId(),
                            0,
                            List.of(new PeerAddress(
                                    "127.0.0.1", requester.peers().orElseThrow().port())),
                            VerifyLevel.SEGMENTS));
            try (LearnchainNode miner = LearnchainNode.start(minerConfig, Clock.system(), FAST)) {
                HttpTestClient http = new HttpTestClient(requester.apiPort());
                JsonNode posted = JSON.readTree(http.post("/api/v1/tasks", """
                                {"model": "mlp-small", "dataset": "fashion-mnist-small", "rewardPerRound": "10",
                                 "rounds": 1, "minTrainingAccuracy": 0.3, "expectedSeconds": 120,
                                 "minPhaseSeconds": 120, "maxPhaseSeconds": 600}""").body());
                Hash trainingSet = Hash.fromHex(posted.path("trainingSet").asText());

                awaitTrue(
                        "the task on the second miner's chain",
                        30_000,
                        () -> task(miner).isPresent());
                awaitTrue(
                        "the training set in the second miner's blob store",
                        20_000,
                        () -> miner.blobs().contains(trainingSet));
                assertThat(task(miner).orElseThrow().roundsDone())
                        .as("no round block brought it")
                        .isZero();
                HttpTestClient minerApi = new HttpTestClient(miner.apiPort());
                awaitTrue("the second miner past NO_DATA, training or committed", 30_000, () -> {
                    String phase = JSON.readTree(minerApi.get("/api/v1/miner").body())
                            .path("phase")
                            .asText();
                    return phase.equals("TRAINING") || phase.equals("COMMITTED");
                });
            }
        }
    }

    private static Optional<TaskState> task(LearnchainNode node) {
        return node.chain().head().tip().state().tasks().get(1);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, long timeoutMillis, Check check) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!check.ok()) {
            assertThat(System.nanoTime())
                    .as("%s within %d ms", what, timeoutMillis)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
