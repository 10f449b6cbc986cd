package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain task list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks: pending, open, running, finished.")
final class TaskListCommand implements Callable<Integer> {
    @Option(names = "--status", paramLabel = "STATUS", description = "Only pending, open, running or finished tasks.")
    String status;

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
        JsonNode tasks = api.client().get("/api/v1/tasks" + (status == null ? "" : "?status=" + status));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(out, Map.of("tasks", tasks));
            return 0;
        }
        if (tasks.isEmpty()) {
            out.println(
                    "no tasks" + (status == null ? "" : " with status " + status)
                            + "; post one with: learnchain task post --model mlp-small --reward 10 --rounds 3 --min-accuracy 0.5");
        } else {
            out.printf(
                    "%-5s %-9s %-6s %-7s %-12s %-44s %s%n",
                    "ID", "STATUS", "MINE", "ROUNDS", "REWARD", "REQUESTER", "MODEL");
        }
        for (JsonNode t : tasks) {
            out.printf(
                    "%-5s %-9s %-6s %-7s %-12s %-44s %s%n",
                    t.path("id").asLong() == 0 ? "-" : t.path("id").asText(),
                    t.path("status").asText(),
                    t.path("mine").asBoolean() ? "yes" : "no",
                    t.path("roundsDone").asInt() + "/" + t.path("rounds").asInt(),
                    t.path("rewardPerRound").path("coins").asText("-"),
                    t.path("requester").asText(),
                    t.path("model").asText());
        }
        out.flush();
        return 0;
    }
}
