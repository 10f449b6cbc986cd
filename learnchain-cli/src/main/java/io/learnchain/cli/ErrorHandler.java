package io.learnchain.cli;

import io.learnchain.cli.common.UserException;
import io.learnchain.node.storage.StorageException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns failures into exit codes: user mistakes (bad options, {@link UserException},
 * {@link IllegalArgumentException} from input validation) and a data directory the node cannot use
 * ({@link StorageException}: damaged, locked, unwritable; its message says what to do) print one clear
 * line and exit 2; anything
 * else is a bug: it prints the stack trace and exits 1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (ex instanceof UserException || ex instanceof IllegalArgumentException || ex instanceof StorageException) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return USER_ERROR;
        }
        err.println("internal error (a bug in learnchain; please report it with this trace):");
        ex.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + ex.getMessage());
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return USER_ERROR;
    }
}
