package io.learnchain.cli.simulate;

import io.learnchain.cli.common.JsonOption;
import io.learnchain.sim.DqnRun;
import io.learnchain.sim.DqnSimConfig;
import io.learnchain.sim.DqnSimReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The {@code --engine dqn} branch of {@code learnchain simulate}: runs, writes the files, prints. */
final class DqnSimulateRun {
    private DqnSimulateRun() {}

    static void run(DqnSimConfig config, Path out, boolean json, PrintWriter o) {
        Map<String, Object> result = DqnRun.execute(config, out).result();
        if (json) {
            JsonOption.printJson(o, result);
        } else {
            o.print(DqnSimReport.text(result));
            o.printf(
                    "files: %s, %s, %s, %s%n",
                    out.resolve("blocks.csv"),
                    out.resolve("episodes.csv"),
                    out.resolve("returns.svg"),
                    out.resolve("report.txt"));
            o.flush();
        }
    }
}
