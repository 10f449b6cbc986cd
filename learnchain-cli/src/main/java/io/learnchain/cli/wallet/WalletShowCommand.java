package io.learnchain.cli.wallet;

import io.learnchain.base.Address;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.node.wallet.KeyFile;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learnchain wallet show NAME}: the address and public key of a wallet (no password needed). */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a wallet's address and public key.")
final class WalletShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Wallet name, key file path, or dev:N.")
    String name;

    @Mixin
    WalletDirOption walletDir;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        if (Signer.isDev(name)) {
            var keys = DevAccounts.keys(Signer.devIndex(name));
            result.put("address", Address.of(keys.publicKey()).toString());
            result.put("publicKey", keys.publicKey().toHex());
            result.put("file", null);
        } else {
            WalletDirectory dir = walletDir.directory();
            KeyFile file = dir.load(name);
            result.put("address", file.address());
            result.put("publicKey", file.publicKey());
            result.put("file", name.endsWith(".json") ? name : dir.fileOf(name).toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(out, result);
        } else {
            out.println("wallet      " + name);
            out.println("address     " + result.get("address"));
            out.println("public key  " + result.get("publicKey"));
            if (result.get("file") != null) {
                out.println("key file    " + result.get("file"));
            }
            out.flush();
        }
        return 0;
    }
}
