package io.learnchain.cli;

import io.learnchain.cli.account.AccountCommand;
import io.learnchain.cli.chain.ChainCommand;
import io.learnchain.cli.devnet.DevnetCommand;
import io.learnchain.cli.learn.EvalCommand;
import io.learnchain.cli.learn.ModelCommand;
import io.learnchain.cli.learn.TrainCommand;
import io.learnchain.cli.lifelong.LifelongCommand;
import io.learnchain.cli.miner.MinerCommand;
import io.learnchain.cli.node.NodeCommand;
import io.learnchain.cli.simulate.SimulateCommand;
import io.learnchain.cli.task.TaskCommand;
import io.learnchain.cli.wallet.WalletCommand;
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
            NodeCommand.class,
            DevnetCommand.class,
            WalletCommand.class,
            ChainCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            ModelCommand.class,
            LifelongCommand.class,
            SimulateCommand.class,
            TaskCommand.class,
            MinerCommand.class,
            AccountCommand.class,
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
