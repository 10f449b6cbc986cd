package io.learnchain.cli.devnet;

import static io.learnchain.cli.devnet.DqnBlockViews.GENESIS;
import static io.learnchain.cli.devnet.DqnBlockViews.block;
import static io.learnchain.cli.devnet.DqnBlockViews.hash;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.cli.devnet.DqnFeedTally.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DqnFeedTallyTest {

    private static JsonNode done(String name, String previous, long height, long unshaped) {
        return block(name, previous, height, 0, -1000, unshaped, true, true, 0);
    }

    @Test
    void sumsTheUnshapedRewardsOfAnEpisodeAndStartsTheNextAfterDone() {
        DqnFeedTally tally = new DqnFeedTally();
        DqnFeedLine first = tally.line(block("a1", GENESIS, 1, 1, 873, 1000));
        DqnFeedLine second = tally.line(block("a2", hash("a1"), 2, 0, 412, 1000));
        DqnFeedLine third = tally.line(done("a3", hash("a2"), 3, 0));
        DqnFeedLine next = tally.line(block("a4", hash("a3"), 4, 1, 500, 1000));

        assertThat(first.position()).isEqualTo(new Position(1, 1000, 1, false));
        assertThat(second.position()).isEqualTo(new Position(1, 2000, 1, false));
        assertThat(third.position()).isEqualTo(new Position(1, 2000, 1, false));
        assertThat(third.step().done()).isTrue();
        assertThat(next.position()).isEqualTo(new Position(2, 1000, 1, false));
    }

    @Test
    void doesNotCountATipReplacedAtTheSameHeightTwice() {
        DqnFeedTally tally = new DqnFeedTally();
        tally.line(block("a1", GENESIS, 1, 1, 900, 1000));
        tally.line(block("a2", hash("a1"), 2, 1, 300, 1000));
        // node 1's candidate at height 2 wins fork choice and replaces a2 as the tip
        DqnFeedLine sibling = tally.line(block("b2", hash("a1"), 2, 0, 950, 1000));
        DqnFeedLine child = tally.line(block("b3", hash("b2"), 3, 1, 800, 1000));

        assertThat(sibling.position().returnMilli()).isEqualTo(2000);
        assertThat(child.position().returnMilli()).isEqualTo(3000);
        assertThat(child.position().episode()).isEqualTo(1);
    }

    @Test
    void followsTheBranchAReorganisationSwitchedTo() {
        DqnFeedTally tally = new DqnFeedTally();
        tally.line(block("a1", GENESIS, 1, 1, 900, 1000));
        tally.line(done("a2", hash("a1"), 2, 0)); // one branch ends the episode at height 2
        tally.line(block("a3", hash("a2"), 3, 1, 900, 1000));
        tally.line(block("b2", hash("a1"), 2, 1, 950, 1000)); // the other goes on
        DqnFeedLine b3 = tally.line(block("b3", hash("b2"), 3, 1, 950, 1000));
        DqnFeedLine b4 = tally.line(done("b4", hash("b3"), 4, 1000));

        assertThat(b3.position()).isEqualTo(new Position(1, 3000, 1, false));
        assertThat(b4.position()).isEqualTo(new Position(1, 4000, 1, false));
        assertThat(tally.line(block("b5", hash("b4"), 5, 0, 10, 1000)).position())
                .isEqualTo(new Position(2, 1000, 1, false));
    }

    @Test
    void countsFromTheFirstBlockOfAResumedFeedAndMarksThatEpisodePartial() {
        DqnFeedTally tally = new DqnFeedTally();
        DqnFeedLine first = tally.line(block("r57", hash("r56"), 57, 1, 900, 1000));
        DqnFeedLine end = tally.line(done("r58", hash("r57"), 58, 0));
        DqnFeedLine after = tally.line(block("r59", hash("r58"), 59, 1, 900, 1000));

        assertThat(first.position()).isEqualTo(new Position(1, 1000, 57, true));
        assertThat(end.position()).isEqualTo(new Position(1, 1000, 57, true));
        assertThat(after.position()).isEqualTo(new Position(2, 1000, 57, false));
        assertThat(after.position().resumed()).isTrue();
    }

    @Test
    void keepsThePositionOfABlockSeenTwice() {
        DqnFeedTally tally = new DqnFeedTally();
        tally.line(block("a1", GENESIS, 1, 1, 900, 1000));
        DqnFeedLine once = tally.line(block("a2", hash("a1"), 2, 1, 900, 1000));
        DqnFeedLine again = tally.line(block("a2", hash("a1"), 2, 1, 900, 1000));

        assertThat(again.position()).isEqualTo(once.position());
        assertThat(tally.line(block("a3", hash("a2"), 3, 1, 900, 1000))
                        .position()
                        .returnMilli())
                .isEqualTo(3000);
    }

    @Test
    void ignoresBlocksThatAreNotDqnOrCarryNoStep() throws Exception {
        DqnFeedTally tally = new DqnFeedTally();
        JsonNode idle = DqnBlockViews.JSON.readTree("{\"hash\":\"" + hash("i") + "\",\"height\":1,\"previous\":\""
                + GENESIS + "\",\"proof\":{\"type\":\"idle\",\"difficulty\":1,\"nonce\":\"7\"}}");
        JsonNode olderNode = DqnBlockViews.JSON.readTree("{\"hash\":\"" + hash("o") + "\",\"height\":1,\"previous\":\""
                + GENESIS + "\",\"proof\":{\"type\":\"dqn\",\"shardIndex\":1,\"claimedScore\":900}}");

        assertThat(tally.line(idle)).isNull();
        assertThat(tally.line(olderNode)).isNull();
        assertThat(tally.line(null)).isNull();
    }

    /**
     * Random block trees printed parent-first (each block a child of one of the last few, as
     * candidates and short forks are): every block's position equals the one found by walking its
     * own ancestry back to the last done block.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1000})
    void matchesAWalkOfEachBlocksOwnAncestry(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        DqnFeedTally tally = new DqnFeedTally();
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Long> unshapedOf = new HashMap<>();
        Map<String, Boolean> doneOf = new HashMap<>();
        Map<String, Long> heightOf = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String parent = order.isEmpty() || rng.nextLong(17) == 0
                    ? null
                    : order.get(order.size() - 1 - (int) rng.nextLong(Math.min(order.size(), 4)));
            long height = parent == null ? 1 : heightOf.get(parent) + 1;
            String name = "s" + seed + "b" + i;
            long unshaped = rng.nextLong(2001) - 1000;
            boolean done = rng.nextLong(8) == 0;
            parentOf.put(name, parent);
            unshapedOf.put(name, unshaped);
            doneOf.put(name, done);
            heightOf.put(name, height);
            order.add(name);
            Position got = tally.line(block(
                            name, parent == null ? GENESIS : hash(parent), height, 1, 0, unshaped, false, done, 0))
                    .position();

            long sum = 0;
            long episodes = 1;
            boolean inEpisode = true;
            for (String b = name; b != null; b = parentOf.get(b)) {
                String p = parentOf.get(b);
                if (inEpisode) {
                    sum += unshapedOf.get(b);
                }
                if (p != null && doneOf.get(p)) {
                    inEpisode = false;
                    episodes++;
                }
            }
            assertThat(got).as("seed %d block %d", seed, i).isEqualTo(new Position(episodes, sum, 1, false));
        }
    }
}
