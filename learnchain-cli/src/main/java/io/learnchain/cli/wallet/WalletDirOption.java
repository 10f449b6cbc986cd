package io.learnchain.cli.wallet;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --wallet-dir} option. */
public final class WalletDirOption {
    @Option(
            names = "--wallet-dir",
            paramLabel = "DIR",
            description = "Folder of key files (default: ~/.learnchain/wallets).")
    Path dir;

    public WalletDirectory directory() {
        return new WalletDirectory(dir != null ? dir : WalletDirectory.defaultDir());
    }
}
