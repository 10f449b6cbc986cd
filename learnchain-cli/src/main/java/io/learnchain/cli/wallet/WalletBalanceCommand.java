package io.learnchain.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Address;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain wallet balance WHO}: balance and nonce from a running node. */
@Command(
        name = "balance",
        mixinStandardHelpOptions = true,
        description = "Show the balance of an address or wallet on a running node.")
final class WalletBalanceCommand implements Callable<Integer> {
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

    @Override
    public Integer call() {
        Address address =
                who.startsWith(Address.PREFIX + "1") ? Address.parse(who) : Signer.address(who, walletDir.directory());
        JsonNode account = api.client().getIfPresent("/api/v1/accounts/" + address);
        String coins =
                account == null ? "0" : account.path("balance").path("coins").asText();
        long units = account == null ? 0 : account.path("balance").path("units").asLong();
        long nonce = account == null ? 0 : account.path("nonce").asLong();
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("address", address.toString());
            result.put("balance", coins);
            result.put("balanceUnits", units);
            result.put("nonce", nonce);
            JsonOption.printJson(out, result);
        } else {
            out.println("address  " + address);
            out.println("balance  " + coins + " LC");
            out.println("nonce    " + nonce);
            out.flush();
        }
        return 0;
    }
}
