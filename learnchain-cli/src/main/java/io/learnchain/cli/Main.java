package io.learnchain.cli;

import io.learnchain.cli.common.UserException;
import io.learnchain.learn.tensor.LaneWidth;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code learnchain} command. Exit codes: 0 ok, 2 user error, 1 internal error. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int run(String... args) {
        return run(System.getenv(), null, null, args);
    }

    /**
     * Runs with the given environment (for {@code LEARNCHAIN_*} defaults) and, when not null,
     * writers for standard output and error (tests).
     */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = LearnchainCommand.newCommandLine();
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        try {
            String width = System.getProperty(LaneWidth.PROPERTY);
            if (width != null) {
                try {
                    LaneWidth.parse(width);
                } catch (IllegalArgumentException e) {
                    throw new UserException(e.getMessage() + ": fix or drop it in LEARNCHAIN_JAVA_OPTS (without it the"
                            + " engine takes the widest width this CPU runs fast)");
                }
            }
            cli.setDefaultValueProvider(ConfigDefaults.load(args, env));
        } catch (UserException e) {
            cli.getErr().println("error: " + e.getMessage());
            cli.getErr().flush();
            return ErrorHandler.USER_ERROR;
        }
        return cli.execute(args);
    }
}
