package io.learnchain.cli.devnet;

import io.learnchain.cli.common.UserException;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a devnet starts its nodes: the same {@code java} and the same class path (the shaded jar when
 * run through {@code ./learnchain}) as this process, with this JVM's options, which carry
 * {@code LEARNCHAIN_JAVA_OPTS} and the flags the engine needs ({@code --add-modules jdk.incubator.vector}).
 *
 * @param launcher the java launcher
 * @param jvmOptions options before the main class
 * @param classPath this process's class path
 */
record ChildJvm(Path launcher, List<String> jvmOptions, String classPath) {
    static final String MAIN_CLASS = "io.learnchain.cli.Main";

    ChildJvm {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The JVM this process runs on; checks that the launcher and the class path exist. */
    static ChildJvm current() {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new UserException(
                    "cannot start the devnet's nodes: the java launcher " + java + " of this JDK is missing "
                            + "or not executable. Reinstall the JDK 25 (or point JAVA_HOME at a complete one) and retry");
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank() || !Files.exists(Path.of(entry))) {
                throw new UserException("cannot start the devnet's nodes: the class path entry '" + entry
                        + "' is missing (was the jar rebuilt or deleted while this ran?). Rebuild with "
                        + "'./mvnw -pl learnchain-cli -am package -DskipTests' or run through ./learnchain");
            }
        }
        return new ChildJvm(
                java, childOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()), classPath);
    }

    /**
     * This JVM's options minus those that must not be repeated in a second JVM: a debugger agent
     * would fight over its port.
     */
    static List<String> childOptions(List<String> parentOptions) {
        List<String> options = new ArrayList<>();
        for (String option : parentOptions) {
            if (option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")) {
                continue;
            }
            options.add(option);
        }
        return options;
    }

    /** The full command line of {@code learnchain ARGS} in a child JVM. */
    List<String> command(List<String> learnchainArgs) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.addAll(learnchainArgs);
        return command;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
