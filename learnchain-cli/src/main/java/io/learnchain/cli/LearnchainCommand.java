package io.learnchain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: only lists the subcommands; each lives in its own class. */
@Command(
        name = "learnchain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A blockchain whose mining is useful learning.",
        subcommands = {
            CommandLine.HelpCommand.class,
            io.learnchain.cli.node.NodeCommand.class,
            io.learnchain.cli.devnet.DevnetCommand.class,
            io.learnchain.cli.wallet.WalletCommand.class,
            io.learnchain.cli.chain.ChainCommand.class,
            io.learnchain.cli.learn.TrainCommand.class,
            io.learnchain.cli.learn.EvalCommand.class,
            io.learnchain.cli.learn.ModelCommand.class,
            io.learnchain.cli.lifelong.LifelongCommand.class,
            io.learnchain.cli.simulate.SimulateCommand.class,
            io.learnchain.cli.task.TaskCommand.class,
            io.learnchain.cli.miner.MinerCommand.class,
            io.learnchain.cli.account.AccountCommand.class,
        })
public final class LearnchainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new LearnchainCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        return cli;
    }
}
