package io.learnchain.cli.lifelong;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.learn.lifelong.FixedPointLoss;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain lifelong show}: the models, or one model's loss history, proposals and badges, or a reputation. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "List lifelong models, or show one (--model): current weights and loss, loss history, open"
                + " proposals, badges; or an address's badges and reputation (--address).")
final class LifelongShowCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "ID", description = "Show this model.")
    Long model;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Show this address's badges and reputation.")
    String address;

    @Mixin
    ApiOption api;

    @Mixin
    JsonOption json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LifelongClient client = new LifelongClient(api.client());
        JsonNode answer =
                address != null ? client.reputation(address) : model != null ? client.model(model) : client.list();
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(o, answer);
            return 0;
        }
        if (address != null) {
            o.printf(
                    "%s: reputation %d (participation %d, special %d), strikes %d, challenges %d%n",
                    address,
                    answer.path("reputation").asLong(),
                    answer.path("participation").asLong(),
                    answer.path("special").asLong(),
                    answer.path("strikes").asLong(),
                    answer.path("challenges").asLong());
        } else if (model != null) {
            line(o, answer);
            for (JsonNode p : answer.path("history")) {
                o.printf(
                        "  %-8s height %d epoch %d loss %s by %s%n",
                        p.path("kind").asText(),
                        p.path("height").asLong(),
                        p.path("epoch").asLong(),
                        FixedPointLoss.text(p.path("loss").asLong()),
                        p.path("by").asText());
            }
            for (JsonNode p : answer.path("proposals")) {
                o.printf(
                        "  proposal by %s loss %s%n",
                        p.path("proposer").asText(),
                        FixedPointLoss.text(p.path("loss").asLong()));
            }
            for (JsonNode b : answer.path("badges")) {
                o.printf(
                        "  %s reputation %d%n",
                        b.path("address").asText(), b.path("reputation").asLong());
            }
        } else {
            if (answer.path("models").isEmpty()) {
                o.println("no lifelong models on this chain yet (learnchain lifelong deploy)");
            }
            answer.path("models").forEach(m -> line(o, m));
        }
        o.flush();
        return 0;
    }

    private static void line(PrintWriter o, JsonNode m) {
        o.printf(
                "model %d %s gen %d loss %s '%s' weights %s%n",
                m.path("id").asLong(),
                m.path("status").asText(),
                m.path("generation").asInt(),
                m.path("loss").isNull()
                        ? "-"
                        : FixedPointLoss.text(m.path("loss").asLong()),
                m.path("spec").asText(),
                m.path("weights").asText().substring(0, 8));
    }
}
