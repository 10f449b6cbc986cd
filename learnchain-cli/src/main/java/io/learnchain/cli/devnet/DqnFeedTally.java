package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The episode returns of the dqn blocks the devnet feed prints, in the environment's unshaped
 * reward. A block's running return is its parent's plus its own unshaped reward, or its own alone
 * after the genesis or a {@code done} parent; so the tally follows each block's own ancestry
 * through the blocks the feed printed. Every node proposes at every height and fork choice keeps
 * one: a candidate that lost (or a tip a reorganisation replaced) is a sibling, and its reward
 * never reaches the return of the blocks built on the winner.
 *
 * <p>A block whose parent the feed never printed (a resumed devnet, whose backfill starts at most
 * 100 blocks below the tip) starts the count: its episode is numbered 1 "since" its height and its
 * return is partial until the next {@code done}.
 *
 * <p>Unlike the simulator's tally (io.learnchain.sim), which counts one canonical chain in height order,
 * this one keeps a position for every block the feed printed, on whichever branch. Not thread-safe:
 * the feed's printer thread owns it.
 */
final class DqnFeedTally {
    /** Blocks remembered; the oldest are forgotten first (far deeper than any reorganisation). */
    static final int REMEMBERED = 65_536;

    /**
     * Where a block stands in the episodes of its chain.
     *
     * @param episode the episode the block's step belongs to, counted from 1 at {@code countedFrom}
     * @param returnMilli the unshaped return of that episode up to and including this block (milli-units)
     * @param countedFrom the height the count started at: 1 on a chain the feed saw from the genesis
     * @param partial the episode began before {@code countedFrom}, so its return misses those steps
     */
    record Position(long episode, long returnMilli, long countedFrom, boolean partial) {
        Position {
            if (episode < 1 || countedFrom < 1) {
                throw new IllegalArgumentException(
                        "episode and countedFrom count from 1, got " + episode + " and " + countedFrom);
            }
        }

        /** Whether the count started after the genesis (the feed began on a chain already under way). */
        boolean resumed() {
            return countedFrom > 1;
        }
    }

    private record Counted(Position position, boolean done) {}

    private final Map<String, Counted> blocks = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counted> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * The feed's dqn view of a block from {@code /api/v1/blocks/HASH}, counted into the tally; null
     * when it is not a dqn block with a step (the feed prints its generic line then).
     */
    DqnFeedLine line(JsonNode block) {
        DqnStep step = DqnStep.of(block);
        if (step == null) {
            return null;
        }
        Position position = add(
                block.path("hash").asText(),
                block.path("previous").asText(),
                block.path("height").asLong(),
                step);
        return new DqnFeedLine(step, position);
    }

    /**
     * Counts block {@code hash} (child of {@code previous}, at {@code height}) and returns its
     * position. A block counted before keeps its position (the feed may see it twice).
     */
    Position add(String hash, String previous, long height, DqnStep step) {
        Counted known = blocks.get(hash);
        if (known != null) {
            return known.position;
        }
        Counted parent = blocks.get(previous);
        long reward = step.unshapedReward();
        Position position;
        if (parent == null) {
            position = height <= 1 ? new Position(1, reward, 1, false) : new Position(1, reward, height, true);
        } else if (parent.done) {
            position = new Position(parent.position.episode() + 1, reward, parent.position.countedFrom(), false);
        } else {
            Position p = parent.position;
            position = new Position(p.episode(), Math.addExact(p.returnMilli(), reward), p.countedFrom(), p.partial());
        }
        blocks.put(hash, new Counted(position, step.done()));
        return position;
    }
}
