package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dqn block's environment step as the node API shows it at {@code proof.step} (docs/api.md,
 * docs/dqn.md "Blocks"). Rewards are fixed-point milli-units.
 *
 * @param action the action A_t the block took
 * @param reward the shaped reward R_{t+1}, the one fork choice ranks
 * @param unshapedReward the environment's own reward, in which episode returns are counted
 * @param terminal the step reached a terminal state (implies {@code done})
 * @param done the episode ended here (terminal, or cut at the step limit); the next block resets
 * @param forkScore the block's fork-choice score
 */
record DqnStep(int action, long reward, long unshapedReward, boolean terminal, boolean done, long forkScore) {

    DqnStep {
        if (terminal && !done) {
            throw new IllegalArgumentException("a terminal step must also be done (docs/dqn.md \"Blocks\")");
        }
    }

    /**
     * The step of a block view from {@code /api/v1/blocks/HASH}; null when the view is missing, is
     * not a dqn block, or (an older node) carries no {@code proof.step}.
     */
    static DqnStep of(JsonNode block) {
        if (block == null || !"dqn".equals(block.path("proof").path("type").asText())) {
            return null;
        }
        JsonNode step = block.path("proof").path("step");
        if (!step.isObject()
                || !step.path("action").canConvertToInt()
                || !step.path("unshapedReward").isIntegralNumber()) {
            return null;
        }
        return new DqnStep(
                step.path("action").asInt(),
                step.path("reward").asLong(),
                step.path("unshapedReward").asLong(),
                step.path("terminal").asBoolean(),
                step.path("done").asBoolean() || step.path("terminal").asBoolean(),
                step.path("forkScore").asLong());
    }
}
