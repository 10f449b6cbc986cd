package io.learnchain.cli.wallet;

import io.learnchain.base.Address;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.node.wallet.KeyFile;
import io.learnchain.node.wallet.KeyFileCrypto;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain wallet new}: a fresh random key, stored encrypted. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = "Create a new key and store it encrypted in the wallet folder.")
final class WalletNewCommand implements Callable<Integer> {
    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "Name of the wallet (the key file is NAME.json).")
    String name;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "" + KeyFileCrypto.DEFAULT_ITERATIONS,
            hidden = true,
            description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Mixin
    WalletDirOption walletDir;

    @Mixin
    PasswordOptions password;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        WalletDirectory dir = walletDir.directory();
        dir.fileOf(name); // validates the name before asking for a password
        SecureRandom random = new SecureRandom();
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        KeyPair keys = KeyPair.fromSeed(seed);
        Address address = Address.of(keys.publicKey());
        char[] pw = password.read("Password for the new wallet '" + name + "'", true);
        KeyFile file =
                KeyFileCrypto.encrypt(seed, address.toString(), keys.publicKey().toHex(), pw, iterations, random);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(pw, '\0');
        Path written = dir.save(name, file);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", name);
            result.put("address", address.toString());
            result.put("publicKey", keys.publicKey().toHex());
            result.put("file", written.toString());
            JsonOption.printJson(out, result);
        } else {
            out.println("Created wallet '" + name + "'");
            out.println("  address     " + address);
            out.println("  public key  " + keys.publicKey().toHex());
            out.println("  key file    " + written + " (encrypted; keep a backup and remember the password)");
            out.flush();
        }
        return 0;
    }
}
