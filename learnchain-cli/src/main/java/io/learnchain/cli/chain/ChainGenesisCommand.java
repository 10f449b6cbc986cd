package io.learnchain.cli.chain;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.node.DevChain;
import io.learnchain.node.genesis.GenesisFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain chain genesis}: prints a genesis file (a template to edit, or the dev chain's). */
@Command(
        name = "genesis",
        mixinStandardHelpOptions = true,
        description =
                "Print the genesis of the dev chain, or of a data directory, as TOML (or JSON): a template for 'node --genesis'.")
final class ChainGenesisCommand implements Callable<Integer> {
    @Option(names = "--dev", description = "The dev chain's genesis (default when no --datadir is given).")
    boolean dev;

    @Option(
            names = "--block-time",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "Block time of the dev genesis (default: ${DEFAULT-VALUE}).")
    long blockTime;

    @Option(
            names = "--format",
            paramLabel = "toml|json",
            defaultValue = "toml",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--datadir",
            paramLabel = "DIR",
            description = "Print the genesis this data directory was created with.")
    Path datadir;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Genesis genesis;
        if (datadir != null && !dev) {
            DatadirOption d = new DatadirOption();
            d.datadir = datadir;
            genesis = d.genesis();
        } else {
            genesis = DevChain.genesis(blockTime);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "toml" -> out.print(GenesisFiles.toToml(genesis));
            case "json" -> out.println(GenesisFiles.toJson(genesis));
            default -> throw new IllegalArgumentException("--format " + format + " is not known: use toml or json");
        }
        out.flush();
        return 0;
    }
}
