package io.learnchain.cli.learn;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code learnchain model}: groups the model file commands. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Model files.",
        subcommands = {ModelExportCommand.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
