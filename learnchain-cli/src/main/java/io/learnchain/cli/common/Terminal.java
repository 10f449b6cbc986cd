package io.learnchain.cli.common;

import java.io.Console;

/** Whether this process prints to a person: progress bars are drawn only then (never with --json). */
public final class Terminal {
    private Terminal() {}

    /** Whether stdout is a terminal (JDK 22+ gives a console even when redirected; isTerminal says). */
    public static boolean isTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
