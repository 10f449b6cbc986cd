package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The devnet's one-line view of a block: height, kind (idle, forfeit, pole, dqn), the winner (the
 * miner paid for it), for a task block the task, the claimed score that every node re-checked and
 * the accuracy it stands for, for a dqn block its step and episode return ({@link DqnFeedLine});
 * {@code seconds} since the devnet command started.
 *
 * @param node the node whose event reported it first
 * @param kind "idle", "forfeit", "pole", "dqn" or "?" when the node's API could not be asked
 * @param miner the winner's address, or null when unknown
 * @param shardSize the size of the revealed shard the score counts on, when known
 * @param transactions transactions besides the coinbase
 * @param dqn a dqn block's step and episode return, null for other blocks or when unknown
 */
record BlockSummary(
        int node,
        long height,
        String hash,
        String kind,
        String miner,
        String minerName,
        Long taskId,
        Long claimedScore,
        Long shardSize,
        int transactions,
        DqnFeedLine dqn,
        double seconds) {

    /**
     * From a node's {@code block} event and, when the node answered, its {@code /api/v1/blocks/HASH}
     * view and, for a task block, the task's round it decided (from {@code /api/v1/tasks/ID}), for a
     * dqn block its line from the feed's {@link DqnFeedTally}.
     */
    static BlockSummary of(
            int node, JsonNode event, JsonNode block, JsonNode round, DqnFeedLine dqn, double seconds, int accounts) {
        String kind = "?";
        String miner = null;
        Long taskId = null;
        Long claimed = null;
        if (block != null) {
            JsonNode proof = block.path("proof");
            kind = proof.path("type").asText("?");
            miner = block.path("miner").isTextual() ? block.path("miner").asText() : null;
            taskId = proof.hasNonNull("taskId") ? proof.get("taskId").asLong() : null;
            claimed =
                    proof.hasNonNull("claimedScore") ? proof.get("claimedScore").asLong() : null;
        }
        Long shardSize = round != null && round.hasNonNull("shardSize")
                ? Long.valueOf(round.get("shardSize").asLong())
                : null;
        return new BlockSummary(
                node,
                event.path("height").asLong(),
                event.path("hash").asText(),
                kind,
                miner,
                miner == null ? null : DevnetPlan.accountName(miner, accounts),
                taskId,
                claimed,
                shardSize,
                Math.max(0, event.path("transactions").asInt() - 1),
                dqn,
                seconds);
    }

    /** A block that won a learning round (a pole proof). */
    boolean isTaskBlock() {
        return "pole".equals(kind);
    }

    /** Claimed score over shard size, when both are known. */
    Double accuracy() {
        return claimedScore != null && shardSize != null && shardSize > 0 ? (double) claimedScore / shardSize : null;
    }

    String toLine() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  #%-5d %s  %-7s", height, shortHash(), kind));
        if (isTaskBlock()) {
            b.append(String.format(Locale.ROOT, " task %d  winner %s  score %d", taskId, name(), claimedScore));
            if (shardSize != null) {
                b.append('/').append(shardSize);
            }
            Double accuracy = accuracy();
            if (accuracy != null) {
                b.append(String.format(Locale.ROOT, "  accuracy %.1f%%", accuracy * 100));
            }
        } else {
            b.append(" miner ").append(name());
            if (dqn != null) {
                b.append("  ").append(dqn.text());
            }
        }
        if (transactions > 0) {
            b.append("  ").append(transactions).append(transactions == 1 ? " tx" : " txs");
        }
        b.append(String.format(Locale.ROOT, "  (node %d, %.1f s)", node, seconds));
        return b.toString();
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "block");
        m.put("height", height);
        m.put("hash", hash);
        m.put("kind", kind);
        m.put("miner", miner);
        m.put("minerName", minerName);
        m.put("taskId", taskId);
        m.put("claimedScore", claimedScore);
        m.put("shardSize", shardSize);
        m.put("accuracy", accuracy());
        m.put("transactions", transactions);
        if (dqn != null) {
            m.put("dqn", dqn.toJson());
        }
        m.put("node", node);
        m.put("seconds", Math.round(seconds * 10) / 10.0);
        return m;
    }

    private String name() {
        return minerName == null ? "?" : minerName;
    }

    private String shortHash() {
        return hash.length() > 8 ? hash.substring(0, 8) : hash;
    }
}
