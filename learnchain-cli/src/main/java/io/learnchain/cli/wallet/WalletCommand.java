package io.learnchain.cli.wallet;

import picocli.CommandLine.Command;

/** {@code learnchain wallet}: keys and payments. */
@Command(
        name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Create and show key files, check balances, send coins.",
        subcommands = {
            WalletNewCommand.class,
            WalletShowCommand.class,
            WalletBalanceCommand.class,
            WalletSendCommand.class
        })
public final class WalletCommand {}
