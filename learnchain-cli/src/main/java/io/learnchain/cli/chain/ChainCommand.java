package io.learnchain.cli.chain;

import picocli.CommandLine.Command;

/** {@code learnchain chain}: inspect, check and repair a data directory. */
@Command(
        name = "chain",
        mixinStandardHelpOptions = true,
        description =
                "Inspect, verify and repair a node's chain database (the node must be stopped), or print a genesis.",
        subcommands = {
            ChainInfoCommand.class,
            ChainVerifyCommand.class,
            ChainReindexCommand.class,
            ChainGenesisCommand.class
        })
public final class ChainCommand {}
