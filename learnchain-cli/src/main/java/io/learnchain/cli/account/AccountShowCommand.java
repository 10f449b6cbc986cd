package io.learnchain.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Address;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.wallet.Signer;
import io.learnchain.cli.wallet.WalletDirOption;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain account show WHO}. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Balance, nonce, reputation and pending transactions of an account.")
final class AccountShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WHO", description = "An address (lc1...), a wallet name, a key file, or dev:N.")
    String who;

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

    static Address resolve(String who, WalletDirOption dir) {
        return who.startsWith(Address.PREFIX + "1") ? Address.parse(who) : Signer.address(who, dir.directory());
    }

    @Override
    public Integer call() {
        Address address = resolve(who, walletDir);
        JsonNode account = api.client().getIfPresent("/api/v1/accounts/" + address);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("address", address.toString());
        result.put(
                "balance",
                account == null ? "0" : account.path("balance").path("coins").asText());
        result.put(
                "balanceUnits",
                account == null ? 0 : account.path("balance").path("units").asLong());
        result.put("nonce", account == null ? 0 : account.path("nonce").asLong());
        result.put(
                "reputation", account == null ? 0 : account.path("reputation").asLong());
        result.put(
                "pendingTransactions",
                account == null ? 0 : account.path("pendingTransactions").asInt());
        if (json.json) {
            JsonOption.printJson(out, result);
            return 0;
        }
        out.println("address      " + address);
        out.println("balance      " + result.get("balance") + " LC");
        out.println("nonce        " + result.get("nonce"));
        out.println("reputation   " + result.get("reputation") + " (rounds won)");
        out.println("pending      " + result.get("pendingTransactions") + " transaction(s)");
        out.flush();
        return 0;
    }
}
