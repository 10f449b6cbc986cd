package io.learnchain.cli;

import picocli.CommandLine;

/** Entry point of the {@code learnchain} command. Exit codes: 0 ok, 2 user error, 1 internal error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int run(String... args) {
        CommandLine cli = LearnchainCommand.newCommandLine();
        try {
            cli.setDefaultValueProvider(ConfigDefaults.load(args, System.getenv()));
        } catch (UserException e) {
            cli.getErr().println("error: " + e.getMessage());
            cli.getErr().flush();
            return ErrorHandler.USER_ERROR;
        }
        return cli.execute(args);
    }
}
