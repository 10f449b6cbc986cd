package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.DevAccounts;
import java.nio.charset.StandardCharsets;

/**
 * Block views shaped like a node's {@code GET /api/v1/blocks/HASH} answer for a dqn block
 * (node.api.ApiViews / Dtos: the pole fields reused, the step at {@code proof.step}, milli-units).
 */
final class DqnBlockViews {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GENESIS = hash("genesis");

    private DqnBlockViews() {}

    /** A distinct 64-hex-digit hash named by {@code name}. */
    static String hash(String name) {
        return Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).toHex();
    }

    /** A non-terminal, not-done step: reward {@code reward}, unshaped {@code unshaped} (milli-units). */
    static JsonNode block(String name, String previous, long height, int action, long reward, long unshaped) {
        return block(name, previous, height, action, reward, unshaped, false, false, 0);
    }

    static JsonNode block(
            String name,
            String previous,
            long height,
            int action,
            long reward,
            long unshaped,
            boolean terminal,
            boolean done,
            int miner) {
        String text = "{\"hash\":\"" + hash(name) + "\",\"height\":" + height + ",\"previous\":\"" + previous
                + "\",\"timestamp\":" + (1_763_737_070L + height) + ",\"miner\":\"" + DevAccounts.address(miner)
                + "\",\"minerKey\":\"" + hash("key" + miner) + "\",\"txRoot\":\"" + hash("tx" + name)
                + "\",\"stateRoot\":\"" + hash("state" + name) + "\",\"proof\":{\"type\":\"dqn\",\"modelHash\":\""
                + hash("w" + name) + "\",\"trainingRecordHash\":\"" + hash("r" + name) + "\",\"shardIndex\":" + action
                + ",\"shardHash\":\"" + hash("s" + name) + "\",\"claimedScore\":" + reward + ",\"step\":{\"action\":"
                + action + ",\"reward\":" + reward + ",\"unshapedReward\":" + unshaped + ",\"terminal\":" + terminal
                + ",\"done\":" + done + ",\"forkScore\":" + reward + "}},\"signature\":\"" + hash("sig" + name)
                + "\",\"canonical\":true,\"genesis\":false,\"transactionCount\":1,\"transactions\":[]}";
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's {@code block} event for {@code view} (node --json). */
    static JsonNode event(JsonNode view) {
        return JSON.createObjectNode()
                .put("event", "block")
                .put("height", view.path("height").asLong())
                .put("hash", view.path("hash").asText())
                .put("previous", view.path("previous").asText())
                .put("transactions", view.path("transactionCount").asInt())
                .put("timestamp", view.path("timestamp").asLong());
    }
}
