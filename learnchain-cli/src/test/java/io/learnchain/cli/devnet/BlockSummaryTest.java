package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.chain.genesis.DevAccounts;
import org.junit.jupiter.api.Test;

class BlockSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "3f2a91c0" + "00".repeat(28);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void summarisesAnIdleBlockWithItsMinerAsDevAccount() throws Exception {
        JsonNode event = json("{\"event\":\"block\",\"height\":12,\"hash\":\"" + HASH + "\",\"transactions\":3}");
        JsonNode block = json("{\"miner\":\"" + DevAccounts.address(1) + "\",\"proof\":{\"type\":\"idle\",\"difficulty\":1}}");

        BlockSummary s = BlockSummary.of(2, event, block, null, 8.46, 10);

        assertThat(s.isTaskBlock()).isFalse();
        assertThat(s.toLine()).isEqualTo("  #12    3f2a91c0  idle    miner dev:1  2 txs  (node 2, 8.5 s)");
        assertThat(s.toJson()).containsEntry("kind", "idle").containsEntry("minerName", "dev:1")
                .containsEntry("transactions", 2).containsEntry("seconds", 8.5);
    }

    @Test
    void summarisesATaskBlockWithWinnerScoreAndAccuracy() throws Exception {
        JsonNode event = json("{\"event\":\"block\",\"height\":7,\"hash\":\"" + HASH + "\",\"transactions\":1}");
        JsonNode round = json("{\"round\":2,\"block\":\"" + HASH + "\",\"shardSize\":500,\"accuracy\":0.824}");
        JsonNode block = json("{\"miner\":\"" + DevAccounts.address(2) + "\",\"proof\":{\"type\":\"pole\",\"taskId\":1,"
                + "\"claimedScore\":412}}");

        BlockSummary s = BlockSummary.of(0, event, block, round, 41.27, 10);

        assertThat(s.isTaskBlock()).isTrue();
        assertThat(s.accuracy()).isEqualTo(0.824);
        assertThat(s.toLine()).isEqualTo("  #7     3f2a91c0  pole    task 1  winner dev:2  score 412/500  accuracy 82.4%  (node 0, 41.3 s)");
        assertThat(s.toJson()).containsEntry("taskId", 1L).containsEntry("claimedScore", 412L).containsEntry("accuracy", 0.824);
    }

    @Test
    void printsWhatTheEventSaysWhenTheNodeCannotBeAsked() throws Exception {
        JsonNode event = json("{\"event\":\"block\",\"height\":3,\"hash\":\"" + HASH + "\",\"transactions\":1}");

        BlockSummary s = BlockSummary.of(1, event, null, null, 2.0, 10);

        assertThat(s.toLine()).isEqualTo("  #3     3f2a91c0  ?       miner ?  (node 1, 2.0 s)");
        assertThat(s.accuracy()).isNull();
    }
}
