package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain task show ID}: terms, status and the per-round leaderboard. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show a task: terms, status and each round's winner, scores and the candidates that lost (and why).",
            "'test set' is the winner's accuracy (in your labels) on the task's whole test set: every test shard;"
                    + " '-' where this node does not hold them all (only the requester's node does until every"
                    + " shard is revealed) or has not scored it yet."
        })
final class TaskShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The task id (learnchain task list).")
    long id;

    @Mixin
    ApiOption api;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode task = api.client().get("/api/v1/tasks/" + id);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(out, task);
            return 0;
        }
        JsonNode s = task.path("summary");
        JsonNode t = task.path("terms");
        out.println("task        " + s.path("id").asLong() + " ("
                + s.path("status").asText()
                + (s.path("closedAs").isNull() ? "" : ", " + s.path("closedAs").asText()) + ")");
        out.println(
                "requester   " + s.path("requester").asText() + (s.path("mine").asBoolean() ? " (this node)" : ""));
        out.println("model       " + t.path("modelSpec").asText());
        out.println("data        training set " + t.path("trainingSet").asText().substring(0, 16) + "..."
                + (s.path("dataset").isNull() ? "" : " (" + s.path("dataset").asText() + ")"));
        out.println("rounds      " + s.path("roundsDone").asInt() + " of "
                + t.path("rounds").asInt() + " done, "
                + s.path("forfeits").asInt() + " forfeited; "
                + t.path("rewardPerRound").path("coins").asText()
                + " LC each, escrow left " + s.path("escrow").path("coins").asText() + " LC");
        out.println("accuracy    a solution needs "
                + t.path("minTrainingAccuracyBp").asInt() / 100.0 + "% on the training set");
        for (JsonNode r : task.path("rounds")) {
            if (r.path("kind").asText().equals("forfeit")) {
                out.printf(
                        "round %-3d  height %-6d forfeited (no reveal in time)%n",
                        r.path("round").asInt(), r.path("height").asLong());
                continue;
            }
            out.printf(
                    "round %-3d  height %-6d winner %s  score %d/%d (%.2f%%) verified %d  test set %s  model %s%n",
                    r.path("round").asInt(),
                    r.path("height").asLong(),
                    r.path("winner").asText(),
                    r.path("claimedScore").asLong(),
                    r.path("shardSize").asInt(),
                    100 * r.path("accuracy").asDouble(),
                    r.path("verifiedScore").asLong(),
                    testAccuracy(r),
                    r.path("modelHash").asText().substring(0, 16));
            for (JsonNode c : r.path("candidates")) {
                out.printf(
                        "            candidate %s from %s claimed %d: %s%n",
                        c.path("block").asText().substring(0, 16),
                        c.path("miner").asText(),
                        c.path("claimedScore").asLong(),
                        c.path("outcome").asText());
            }
        }
        JsonNode delivery = task.path("delivery");
        if (!delivery.path("round").isMissingNode() && !delivery.path("round").isNull()) {
            out.println("download    round " + delivery.path("round").asInt() + ": "
                    + delivery.path("reason").asText() + " (learnchain task model " + id
                    + " --out DIR; --round R for another)");
        }
        out.flush();
        return 0;
    }

    /** The delivered model's accuracy on the task's whole test set, or why there is none. */
    private static String testAccuracy(JsonNode round) {
        if (round.path("testAccuracy").isNumber()) {
            return String.format(
                    Locale.ROOT, "%.2f%%", 100 * round.path("testAccuracy").asDouble());
        }
        return "-";
    }
}
