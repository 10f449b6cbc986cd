package io.learnchain.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Address;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.wallet.WalletDirOption;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain account history WHO [--csv]}: transfers, rewards and escrow, newest first. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description =
                "What moved an account's balance: transfers, block and task rewards, escrow, fees (newest first).")
final class AccountHistoryCommand implements Callable<Integer> {
    static final String CSV_HEADER = "height,timestamp,kind,amount,fee,counterparty,task_id,task_reward,tx,block";

    @Parameters(paramLabel = "WHO", description = "An address (lc1...), a wallet name, a key file, or dev:N.")
    String who;

    @Option(
            names = "--limit",
            defaultValue = "50",
            paramLabel = "N",
            description = "Entries per page, 1-500 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--before",
            paramLabel = "HEIGHT",
            description = "Only blocks below this height (the nextBefore of a previous page).")
    Long before;

    @Option(names = "--csv", description = "Print CSV (header and one line per entry).")
    boolean csv;

    @Mixin
    WalletDirOption walletDir;

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
        Address address = AccountShowCommand.resolve(who, walletDir);
        JsonNode page = api.client()
                .get("/api/v1/accounts/" + address + "/history?limit=" + limit
                        + (before == null ? "" : "&before=" + before));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(out, page);
            return 0;
        }
        if (csv) {
            out.println(CSV_HEADER);
        }
        for (JsonNode e : page.path("entries")) {
            if (csv) {
                out.println(String.join(
                        ",",
                        e.path("height").asText(),
                        e.path("timestamp").asText(),
                        e.path("kind").asText(),
                        e.path("amount").asText(),
                        text(e, "fee"),
                        text(e, "counterparty"),
                        text(e, "taskId"),
                        text(e, "taskReward"),
                        e.path("tx").asText(),
                        e.path("block").asText()));
            } else {
                out.printf(
                        "%-7d %-13s %16s LC%s%s%n",
                        e.path("height").asLong(),
                        e.path("kind").asText(),
                        e.path("amount").asText(),
                        e.path("counterparty").isNull()
                                ? ""
                                : (e.path("kind").asText().equals("transfer_in") ? "  from " : "  to ")
                                        + e.path("counterparty").asText(),
                        e.path("taskReward").isNull()
                                ? ""
                                : "  (task " + e.path("taskId").asLong() + " reward "
                                        + e.path("taskReward").asText() + ")");
            }
        }
        if (!csv && !page.path("nextBefore").isNull()) {
            out.println("more: --before " + page.path("nextBefore").asLong());
        }
        out.flush();
        return 0;
    }

    private static String text(JsonNode e, String field) {
        return e.path(field).isNull() || e.path(field).isMissingNode()
                ? ""
                : e.path(field).asText();
    }
}
