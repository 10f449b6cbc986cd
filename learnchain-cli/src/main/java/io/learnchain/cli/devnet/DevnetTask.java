package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.api.TaskRoutes;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.data.DatasetNotFoundException;
import java.time.Duration;
import java.util.List;

/**
 * The demo task a pole devnet's requester (node 0) posts with its own key through
 * {@code POST /api/v1/tasks}: a predefined model on Fashion-MNIST (the full set when installed,
 * else the bundled subset), a reward per round and one test shard per round.
 *
 * @param name the {@code --task} name
 * @param model the predefined model the node trains
 * @param dataset "fashion-mnist" (full) or "fashion-mnist-small" (bundled)
 * @param minTrainingAccuracyBp a solution's minimum training accuracy, basis points
 * @param minPhaseSeconds the reveal waits at least this long after a round's parent block
 * @param privateData the training set is encrypted (PROTOCOL.md 3.9): miners train on projections
 */
record DevnetTask(
        String name,
        String model,
        String dataset,
        int minTrainingAccuracyBp,
        long minPhaseSeconds,
        boolean privateData) {
    static final List<String> NAMES =
            List.of("fashion-mnist-mlp", "fashion-mnist-lenet5", "mlp-small", "mlp-small-private");
    static final String REWARD_PER_ROUND = "10";

    /** The task {@code name} with the data this machine has. */
    static DevnetTask named(String name) {
        return switch (name) {
            case "fashion-mnist-mlp" -> new DevnetTask(name, "mlp", fullOrBundled(), 7_000, 5, false);
            case "fashion-mnist-lenet5" -> new DevnetTask(name, "lenet5", fullOrBundled(), 6_000, 5, false);
            case "mlp-small" -> new DevnetTask(name, "mlp-small", "fashion-mnist-small", 5_000, 2, false);
            // 16 projections of 2x2-pooled pixels carry less than the image: a lower bar (docs/benchmarks.md)
            case "mlp-small-private" -> new DevnetTask(name, "mlp-small", "fashion-mnist-small", 4_000, 2, true);
            default ->
                throw new IllegalArgumentException(
                        "unknown --task '" + name + "': use one of " + String.join(", ", NAMES));
        };
    }

    private static String fullOrBundled() {
        try {
            DatasetLoader.standard().findFashionMnist();
            return "fashion-mnist";
        } catch (DatasetNotFoundException e) {
            return "fashion-mnist-small";
        }
    }

    /** The body of {@code POST /api/v1/tasks}: the server's own request record. */
    TaskRoutes.PostTaskRequest request(int rounds) {
        return new TaskRoutes.PostTaskRequest(
                model,
                dataset,
                REWARD_PER_ROUND,
                rounds,
                null,
                minTrainingAccuracyBp,
                minPhaseSeconds,
                minPhaseSeconds,
                null,
                null,
                privateData ? Boolean.TRUE : null);
    }

    /**
     * Posts the task on the requester's node unless it already has one that is not finished (a
     * devnet restarted from its --datadir goes on with its task). Returns the node's answer, or
     * the existing task's summary.
     */
    JsonNode postUnlessRunning(String apiBase, int rounds) {
        ApiClient requester = new ApiClient(apiBase);
        JsonNode tasks = requester.getIfPresent("/api/v1/tasks");
        if (tasks == null) {
            throw new UserException("engine pole needs nodes that run proof-of-learning rounds and take tasks "
                    + "(POST /api/v1/tasks), and the node at " + apiBase + " has no such endpoint: is it a node of"
                    + " another engine or an older build? Use --engine idle or dqn, or restart the devnet");
        }
        for (JsonNode task : tasks.isArray() ? tasks : tasks.path("tasks")) {
            if (task.path("mine").asBoolean()
                    && !"finished".equals(task.path("status").asText())) {
                return task;
            }
        }
        // a private task's training set is encrypted before the node answers (about a minute)
        return requester.post("/api/v1/tasks", request(rounds), Duration.ofMinutes(30));
    }
}
