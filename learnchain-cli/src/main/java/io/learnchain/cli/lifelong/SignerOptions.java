package io.learnchain.cli.lifelong;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.wallet.PasswordOptions;
import io.learnchain.cli.wallet.Signer;
import io.learnchain.cli.wallet.WalletDirOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --from (wallet, key file or dev:N), --fee, the wallet folder and password, and --api. */
final class SignerOptions {
    @Option(names = "--from", required = true, paramLabel = "WALLET", description = "Wallet name, key file, or dev:N.")
    String from;

    @Option(names = "--fee", defaultValue = "0", paramLabel = "COINS", description = "Fee (default: ${DEFAULT-VALUE}).")
    String fee;

    @Mixin
    WalletDirOption walletDir;

    @Mixin
    PasswordOptions password;

    @Mixin
    ApiOption api;

    KeyPair keys() {
        return Signer.keys(from, walletDir.directory(), password);
    }

    LifelongClient client() {
        return new LifelongClient(api.client());
    }
}
