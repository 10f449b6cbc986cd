package io.learnchain.cli.lifelong;

import io.learnchain.cli.common.JsonOption;
import java.io.PrintWriter;
import java.util.Map;

/** One JSON line with --json, else a sentence and the fields. */
final class LifelongPrint {
    private LifelongPrint() {}

    static void print(picocli.CommandLine.Model.CommandSpec spec, boolean json, Map<String, Object> out, String line) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            JsonOption.printJson(o, out);
            return;
        }
        o.println(line);
        out.forEach((k, v) -> o.println("  " + k + ": " + v));
        o.flush();
    }
}
