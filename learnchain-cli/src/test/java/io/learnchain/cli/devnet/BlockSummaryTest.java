package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.chain.genesis.DevAccounts;
import java.util.Map;
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
        JsonNode block =
                json("{\"miner\":\"" + DevAccounts.address(1) + "\",\"proof\":{\"type\":\"idle\",\"difficulty\":1}}");

        BlockSummary s = BlockSummary.of(2, event, block, null, null, 8.46, 10);

        assertThat(s.isTaskBlock()).isFalse();
        assertThat(s.toLine()).isEqualTo("  #12    3f2a91c0  idle    miner dev:1  2 txs  (node 2, 8.5 s)");
        assertThat(s.toJson())
                .containsEntry("kind", "idle")
                .containsEntry("minerName", "dev:1")
                .containsEntry("transactions", 2)
                .containsEntry("seconds", 8.5)
                .doesNotContainKey("dqn");
    }

    @Test
    void summarisesATaskBlockWithWinnerScoreAndAccuracy() throws Exception {
        JsonNode event = json("{\"event\":\"block\",\"height\":7,\"hash\":\"" + HASH + "\",\"transactions\":1}");
        JsonNode round = json("{\"round\":2,\"block\":\"" + HASH + "\",\"shardSize\":500,\"accuracy\":0.824}");
        JsonNode block = json("{\"miner\":\"" + DevAccounts.address(2) + "\",\"proof\":{\"type\":\"pole\",\"taskId\":1,"
                + "\"claimedScore\":412}}");

        BlockSummary s = BlockSummary.of(0, event, block, round, null, 41.27, 10);

        assertThat(s.isTaskBlock()).isTrue();
        assertThat(s.accuracy()).isEqualTo(0.824);
        assertThat(s.toLine())
                .isEqualTo(
                        "  #7     3f2a91c0  pole    task 1  winner dev:2  score 412/500  accuracy 82.4%  (node 0, 41.3 s)");
        assertThat(s.toJson())
                .containsEntry("taskId", 1L)
                .containsEntry("claimedScore", 412L)
                .containsEntry("accuracy", 0.824);
    }

    @Test
    void printsWhatTheEventSaysWhenTheNodeCannotBeAsked() throws Exception {
        JsonNode event = json("{\"event\":\"block\",\"height\":3,\"hash\":\"" + HASH + "\",\"transactions\":1}");

        BlockSummary s = BlockSummary.of(1, event, null, null, null, 2.0, 10);

        assertThat(s.toLine()).isEqualTo("  #3     3f2a91c0  ?       miner ?  (node 1, 2.0 s)");
        assertThat(s.accuracy()).isNull();
    }

    @Test
    void summarisesADqnBlockWithActionShapedRewardAndRunningReturn() {
        DqnFeedTally tally = new DqnFeedTally();
        tally.line(DqnBlockViews.block("a1", DqnBlockViews.GENESIS, 1, 1, 912, 1000));
        JsonNode block = DqnBlockViews.block("a2", DqnBlockViews.hash("a1"), 2, 1, 873, 1000, false, false, 1);

        BlockSummary s = BlockSummary.of(1, DqnBlockViews.event(block), block, null, tally.line(block), 6.04, 10);

        assertThat(s.isTaskBlock()).isFalse();
        assertThat(s.toLine())
                .isEqualTo("  #2     " + block.path("hash").asText().substring(0, 8)
                        + "  dqn     miner dev:1  action 1  reward 0.873  return 2.000  (node 1, 6.0 s)");
        @SuppressWarnings("unchecked")
        Map<String, Object> dqn = (Map<String, Object>) s.toJson().get("dqn");
        assertThat(dqn)
                .containsEntry("action", 1)
                .containsEntry("reward", 873L)
                .containsEntry("unshapedReward", 1000L)
                .containsEntry("done", false)
                .containsEntry("episode", 1L)
                .containsEntry("episodeReturn", 2000L)
                .containsEntry("countedFrom", 1L)
                .containsEntry("partial", false);
    }

    @Test
    void printsTheEpisodeReturnOnADoneBlock() {
        DqnFeedTally tally = new DqnFeedTally();
        tally.line(DqnBlockViews.block("a1", DqnBlockViews.GENESIS, 1, 1, 912, 1000));
        tally.line(DqnBlockViews.block("a2", DqnBlockViews.hash("a1"), 2, 0, 873, 1000));
        // CartPole: the pole falls on the third step (shaped -1, unshaped +1 as on every step)
        JsonNode fell = DqnBlockViews.block("a3", DqnBlockViews.hash("a2"), 3, 0, -1000, 1000, true, true, 2);

        String line = BlockSummary.of(0, DqnBlockViews.event(fell), fell, null, tally.line(fell), 7.0, 10)
                .toLine();

        assertThat(line)
                .endsWith(
                        "dqn     miner dev:2  action 0  reward -1.000  episode 1 ended: return 3.000  (node 0, 7.0 s)");
    }

    @Test
    void saysWhereTheCountStartedOnAResumedDevnetAndWhenTheStepLimitEndedTheEpisode() {
        DqnFeedTally tally = new DqnFeedTally();
        JsonNode first = DqnBlockViews.block("r57", DqnBlockViews.hash("r56"), 57, 1, 900, 1000);
        JsonNode end = DqnBlockViews.block("r58", DqnBlockViews.hash("r57"), 58, 0, -1000, 1000, true, true, 0);
        JsonNode next = DqnBlockViews.block("r59", DqnBlockViews.hash("r58"), 59, 1, 950, 1000);
        JsonNode limit = DqnBlockViews.block("r60", DqnBlockViews.hash("r59"), 60, 1, 940, 1000, false, true, 0);

        assertThat(tally.line(first).text())
                .isEqualTo("action 1  reward 0.900  return 1.000 (partial: counted from #57)");
        assertThat(tally.line(end).text())
                .isEqualTo(
                        "action 0  reward -1.000  episode 1 since #57 ended: return 2.000 (partial: counted from #57)");
        assertThat(tally.line(next).text()).isEqualTo("action 1  reward 0.950  return 1.000");
        assertThat(tally.line(limit).text())
                .isEqualTo("action 1  reward 0.940  episode 2 since #57 ended (step limit): return 2.000");
    }

    @Test
    void writesMilliUnitsAsDecimals() {
        assertThat(DqnFeedLine.units(873)).isEqualTo("0.873");
        assertThat(DqnFeedLine.units(-1000)).isEqualTo("-1.000");
        assertThat(DqnFeedLine.units(-5)).isEqualTo("-0.005");
        assertThat(DqnFeedLine.units(500_000)).isEqualTo("500.000");
    }
}
