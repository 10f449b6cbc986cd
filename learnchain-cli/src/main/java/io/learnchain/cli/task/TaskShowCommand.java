package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.ConfigOption;
import io.learnchain.cli.JsonOption;
import io.learnchain.cli.api.ApiOption;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain task show ID}: terms, status and the per-round leaderboard. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a task: terms, status and each round's winner, scores and the candidates that lost (and why).")
final class TaskShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The task id (learnchain task list).")
    long id;

    @Mixin ApiOption api;
    @Mixin JsonOption json;
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

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
        out.println("task        " + s.path("id").asLong() + " (" + s.path("status").asText()
                + (s.path("closedAs").isNull() ? "" : ", " + s.path("closedAs").asText()) + ")");
        out.println("requester   " + s.path("requester").asText() + (s.path("mine").asBoolean() ? " (this node)" : ""));
        out.println("model       " + t.path("modelSpec").asText());
        out.println("data        training set " + t.path("trainingSet").asText().substring(0, 16) + "..."
                + (s.path("dataset").isNull() ? "" : " (" + s.path("dataset").asText() + ")"));
        out.println("rounds      " + s.path("roundsDone").asInt() + " of " + t.path("rounds").asInt() + " done, "
                + s.path("forfeits").asInt() + " forfeited; " + t.path("rewardPerRound").path("coins").asText()
                + " LC each, escrow left " + s.path("escrow").path("coins").asText() + " LC");
        out.println("accuracy    a solution needs " + t.path("minTrainingAccuracyBp").asInt() / 100.0
                + "% on the training set");
        for (JsonNode r : task.path("rounds")) {
            if (r.path("kind").asText().equals("forfeit")) {
                out.printf("round %-3d  height %-6d forfeited (no reveal in time)%n", r.path("round").asInt(),
                        r.path("height").asLong());
                continue;
            }
            out.printf("round %-3d  height %-6d winner %s  score %d/%d (%.2f%%) verified %d  model %s%n",
                    r.path("round").asInt(), r.path("height").asLong(), r.path("winner").asText(),
                    r.path("claimedScore").asLong(), r.path("shardSize").asInt(), 100 * r.path("accuracy").asDouble(),
                    r.path("verifiedScore").asLong(), r.path("modelHash").asText().substring(0, 16));
            for (JsonNode c : r.path("candidates")) {
                out.printf("            candidate %s from %s claimed %d: %s%n", c.path("block").asText().substring(0, 16),
                        c.path("miner").asText(), c.path("claimedScore").asLong(), c.path("outcome").asText());
            }
        }
        if (!task.path("latestModel").isNull()) {
            out.println("model       latest winner " + task.path("latestModel").asText()
                    + " (learnchain task model " + id + " --out DIR)");
        }
        out.flush();
        return 0;
    }
}
