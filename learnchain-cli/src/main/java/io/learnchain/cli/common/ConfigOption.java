package io.learnchain.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option, mixed into every command that reads configuration. The value is
 * read before parsing by {@link ConfigDefaults}; this mixin only documents and accepts it.
 */
public final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "TOML configuration file (default: $LEARNCHAIN_CONFIG, else ~/.learnchain/config.toml if present). "
                            + "Precedence: command line, then LEARNCHAIN_* environment variables, then this file, then defaults.")
    Path config;
}
