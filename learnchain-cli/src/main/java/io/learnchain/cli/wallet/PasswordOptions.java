package io.learnchain.cli.wallet;

import io.learnchain.cli.common.UserException;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a wallet password comes from: {@code --password-file}, else the environment variable
 * {@code LEARNCHAIN_WALLET_PASSWORD}, else a prompt on the terminal. Never a command-line argument
 * (it would show in the process list and the shell history).
 */
public final class PasswordOptions {
    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description =
                    "Read the wallet password from the first line of FILE (else $LEARNCHAIN_WALLET_PASSWORD, else a prompt).")
    Path passwordFile;

    public char[] read(String prompt, boolean confirm) {
        if (passwordFile != null) {
            try {
                String first =
                        Files.readAllLines(passwordFile).stream().findFirst().orElse("");
                return requireNonEmpty(first.toCharArray(), "the password file " + passwordFile + " is empty");
            } catch (IOException e) {
                throw new UserException("cannot read the password file " + passwordFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv("LEARNCHAIN_WALLET_PASSWORD");
        if (env != null) {
            return requireNonEmpty(env.toCharArray(), "LEARNCHAIN_WALLET_PASSWORD is empty");
        }
        Console console = System.console();
        if (console == null) {
            throw new UserException(
                    "a wallet password is needed and there is no terminal to ask: pass --password-file FILE "
                            + "or set LEARNCHAIN_WALLET_PASSWORD");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null || first.length == 0) {
            throw new UserException("no password given");
        }
        if (confirm) {
            char[] again = console.readPassword("Repeat the password: ");
            if (again == null || !Arrays.equals(first, again)) {
                throw new UserException("the two passwords differ; nothing was written");
            }
        }
        return first;
    }

    private static char[] requireNonEmpty(char[] password, String message) {
        if (password.length == 0) {
            throw new UserException(message);
        }
        return password;
    }
}
