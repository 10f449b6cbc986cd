package io.learnchain.cli.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain miner status}. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "What the miner is doing, its wins and losses, its last actions.")
class MinerStatusCommand implements Callable<Integer> {
    @Option(
            names = "--last",
            defaultValue = "10",
            paramLabel = "N",
            description = "Actions and outcomes to show (default: ${DEFAULT-VALUE}).")
    int last;

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
        print(spec.commandLine().getOut(), api.client().get("/api/v1/miner?limit=" + last), json.json);
        return 0;
    }

    static void print(PrintWriter out, JsonNode m, boolean json) {
        if (json) {
            JsonOption.printJson(out, m);
            return;
        }
        out.println("address     " + m.path("address").asText() + "  balance "
                + m.path("balance").path("coins").asText() + " LC");
        String phase = m.path("phase").asText();
        out.println("phase       " + phase
                + (m.path("taskId").isNull()
                        ? ""
                        : " on task " + m.path("taskId").asLong())
                + (phase.equals("TRAINING")
                        ? " (step " + m.path("step").asLong() + " of "
                                + m.path("steps").asLong() + ")"
                        : ""));
        if (!m.path("trainingAccuracy").isNull()) {
            out.printf(
                    "training    accuracy %.2f%%%n",
                    100 * m.path("trainingAccuracy").asDouble());
        }
        if (!m.path("commitment").isNull()) {
            out.println("commitment  model " + m.path("commitment").asText());
        }
        out.println("rounds      " + m.path("wins").asLong() + " won, "
                + m.path("losses").asLong() + " lost");
        for (JsonNode o : m.path("outcomes")) {
            out.println("            " + (o.path("won").asBoolean() ? "won " : "lost") + " block "
                    + o.path("block").asText().substring(0, 16) + " claim "
                    + o.path("claimedScore").asLong()
                    + (o.path("won").asBoolean() ? "" : ": " + o.path("reason").asText()));
        }
        for (JsonNode a : m.path("actions")) {
            out.println("action      " + a.path("event").path("kind").asText() + " " + a.path("event"));
        }
        out.flush();
    }
}
