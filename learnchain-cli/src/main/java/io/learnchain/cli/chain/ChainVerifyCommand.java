package io.learnchain.cli.chain;

import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.chain.ChainVerifier;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code learnchain chain verify}: re-executes every stored canonical block from genesis. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-check every canonical block from genesis (signatures, proofs, state roots) and report the first bad one.",
            "Exit code 0: all good; 3: a bad block was found (the report says which and why)."
        })
final class ChainVerifyCommand implements Callable<Integer> {
    static final int BAD_BLOCK = 3;

    @Mixin
    DatadirOption datadir;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        ChainVerifier.Report report;
        try (LearnchainNode node = datadir.open()) {
            report = node.verify();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", report.ok());
        m.put("tipHeight", report.tipHeight().value());
        m.put("tipHash", report.tipHash().toHex());
        m.put("blocksChecked", report.blocksChecked());
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        report.firstBad().ifPresent(f -> {
            m.put("badHeight", f.height().value());
            m.put("badHash", f.hash().toHex());
            m.put("problem", f.problem());
        });
        if (json.json) {
            JsonOption.printJson(out, m);
        } else if (report.ok()) {
            out.printf(
                    "ok: %d block(s) from genesis to height %d (tip %s) re-checked in %.1f s%n",
                    report.blocksChecked(),
                    report.tipHeight().value(),
                    report.tipHash().toHex(),
                    seconds);
        } else {
            var f = report.firstBad().orElseThrow();
            out.printf(
                    "BAD BLOCK at height %d (%s): %s%nThe %d block(s) below it are good. Rebuild with 'learnchain chain reindex'.%n",
                    f.height().value(), f.hash().toHex(), f.problem(), report.blocksChecked());
        }
        out.flush();
        return report.ok() ? 0 : BAD_BLOCK;
    }
}
