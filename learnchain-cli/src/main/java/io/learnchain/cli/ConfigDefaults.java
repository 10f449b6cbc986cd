package io.learnchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.learnchain.cli.common.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults in the documented order of precedence: the command line wins (picocli never asks
 * for a default when the option is given), then environment variables {@code LEARNCHAIN_<OPTION>}
 * (e.g. {@code LEARNCHAIN_BLOCK_TIME} for {@code --block-time}), then the TOML configuration file,
 * then the defaults written in the code.
 *
 * <p>The TOML file is {@code --config FILE}, else {@code $LEARNCHAIN_CONFIG}, else
 * {@code ~/.learnchain/config.toml} when it exists. Keys are long option names without dashes; a
 * table named after the command (e.g. {@code [node]} or {@code [wallet.send]}) applies to that
 * command only, top-level keys to every command that has the option.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;
    private final JsonNode toml;

    ConfigDefaults(Map<String, String> env, JsonNode toml) {
        this.env = env;
        this.toml = toml;
    }

    /** Builds the provider for this invocation: {@code args} are scanned for {@code --config}. */
    public static ConfigDefaults load(String[] args, Map<String, String> env) {
        Path file = configFile(args, env);
        return new ConfigDefaults(env, file == null ? null : readToml(file));
    }

    static Path configFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return requireFile(Path.of(args[i + 1]), "--config");
            }
            if (args[i].startsWith("--config=")) {
                return requireFile(Path.of(args[i].substring("--config=".length())), "--config");
            }
        }
        String fromEnv = env.get("LEARNCHAIN_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireFile(Path.of(fromEnv), "LEARNCHAIN_CONFIG");
        }
        String home = System.getProperty("user.home");
        Path implicit = home == null ? null : Path.of(home, ".learnchain", "config.toml");
        return implicit != null && Files.isRegularFile(implicit) ? implicit : null;
    }

    private static Path requireFile(Path file, String source) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("the configuration file " + file + " (from " + source
                    + ") does not exist or is not a file: check the path");
        }
        return file;
    }

    private static JsonNode readToml(Path file) {
        try {
            return new TomlMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException(
                    "cannot read the configuration file " + file + ": " + firstLine(e.getMessage())
                            + ". Fix the TOML syntax or remove the file.",
                    e);
        }
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        if (name.equals("help") || name.equals("version") || name.equals("config")) {
            return null;
        }
        String fromEnv = env.get("LEARNCHAIN_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null) {
            return fromEnv;
        }
        if (toml != null) {
            CommandLine.Model.CommandSpec command = option.command();
            String section = command == null ? "" : command.qualifiedName(".").replaceFirst("^learnchain\\.?", "");
            JsonNode table = section.isEmpty() ? toml : at(toml, section);
            String value = scalar(table == null ? null : table.get(name));
            if (value == null) {
                value = scalar(toml.get(name));
            }
            return value;
        }
        return null;
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static String scalar(JsonNode node) {
        if (node == null || node.isContainerNode() || node.isNull()) {
            return null;
        }
        return node.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
