package io.learnchain.cli.account;

import picocli.CommandLine.Command;

/** {@code learnchain account}: an account as the chain sees it. */
@Command(
        name = "account",
        mixinStandardHelpOptions = true,
        description = "Show an account (balance, nonce, reputation) and its history (transfers, rewards, escrow).",
        subcommands = {AccountShowCommand.class, AccountHistoryCommand.class})
public final class AccountCommand {}
