package io.learnchain.cli.lifelong;

import picocli.CommandLine.Command;

/** {@code learnchain lifelong}: lifelong models on chain (paper 001, PROTOCOL.md 5). */
@Command(
        name = "lifelong",
        mixinStandardHelpOptions = true,
        description =
                "Deploy a lifelong model, reveal its picked test parts, propose lower-loss weights, grow it by new "
                        + "classes and neurons (old weights frozen), show models, loss history, badges and reputation.",
        subcommands = {
            LifelongDeployCommand.class,
            LifelongRevealCommand.class,
            LifelongProposeCommand.class,
            LifelongGrowCommand.class,
            LifelongShowCommand.class
        })
public final class LifelongCommand {}
