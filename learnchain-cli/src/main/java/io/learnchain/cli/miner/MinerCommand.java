package io.learnchain.cli.miner;

import picocli.CommandLine.Command;

/** {@code learnchain miner}: the node's proof-of-learning miner. */
@Command(
        name = "miner",
        mixinStandardHelpOptions = true,
        description =
                "Show what the node's miner is doing (phase, training, commitment, wins and losses), start or stop it.",
        subcommands = {MinerStatusCommand.class, MinerSwitchCommand.Start.class, MinerSwitchCommand.Stop.class})
public final class MinerCommand {}
