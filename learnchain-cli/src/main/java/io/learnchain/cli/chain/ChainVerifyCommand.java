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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain chain verify}: re-executes every stored canonical block from genesis. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-check every canonical block from genesis (signatures, proofs, state roots, and each pole block's "
                    + "challenged training segments) and report the first bad one.",
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

    @Option(
            names = "--replay",
            description = "Also re-train every pole block from its training record, checkpoint by checkpoint "
                    + "(one training run per block), and list blocks whose work departs from what they committed.")
    boolean replay;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        ChainVerifier.Report report;
        PrintWriter err = spec.commandLine().getErr();
        try (LearnchainNode node = datadir.open()) {
            long tip = node.chain().head().height().value();
            report = node.verify(
                    h -> {
                        if (!json.json && (h % 10 == 0 || h == tip)) {
                            err.printf("\rverifying block %d of %d", h, tip);
                            err.flush();
                        }
                    },
                    replay);
        }
        if (!json.json) {
            err.println();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", report.ok());
        m.put("tipHeight", report.tipHeight().value());
        m.put("tipHash", report.tipHash().toHex());
        m.put("blocksChecked", report.blocksChecked());
        m.put("poleBlocks", report.poleBlocks());
        m.put("replayed", replay);
        m.put(
                "falseWork",
                report.falseWork().stream()
                        .map(f -> Map.of(
                                "height", f.height().value(),
                                "hash", f.hash().toHex(),
                                "segment", f.segment(),
                                "refuted", f.refuted()))
                        .toList());
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
                    "ok: %d block(s) from genesis to height %d (tip %s) re-checked in %.1f s; %d pole block(s), their work "
                            + "%s%n",
                    report.blocksChecked(),
                    report.tipHeight().value(),
                    report.tipHash().toHex(),
                    seconds,
                    report.poleBlocks(),
                    replay ? "replayed in full" : "checked on the challenged segments");
            for (var f : report.falseWork()) {
                out.printf(
                        "FALSE WORK at height %d (%s): the record departs at segment %d; its payout %s%n",
                        f.height().value(),
                        f.hash().toHex(),
                        f.segment(),
                        f.refuted() ? "was refuted by a fraud proof" : "was NOT refuted");
            }
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
