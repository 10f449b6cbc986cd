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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain task cancel ID}: withdraw a task the node's key posted. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancel a task this node's key posted: the escrow left comes back less a 10% penalty.",
            "The node reveals none of the task's rounds again. A round whose test shard it has already revealed"
                    + " is decided and paid first; a round not yet revealed is forfeited (its reward burned), and"
                    + " the cancel is mined with or after it. 'learnchain task show ID' then says 'cancelled'."
        })
final class TaskCancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The task id (learnchain task list).")
    long id;

    @Option(names = "--fee", paramLabel = "COINS", description = "The cancel transaction's fee (default: 0).")
    String fee;

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
        JsonNode answer =
                api.client().post("/api/v1/tasks/" + id + "/cancel", fee == null ? Map.of() : Map.of("fee", fee));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(out, answer);
            return 0;
        }
        if (answer.path("state").asText().equals("submitted")) {
            out.println("cancelling task " + id + ": CancelTask "
                    + answer.path("tx").asText() + " submitted");
        } else {
            out.println("cancelling task " + id + ": waiting");
        }
        out.println(answer.path("detail").asText());
        out.flush();
        return 0;
    }
}
