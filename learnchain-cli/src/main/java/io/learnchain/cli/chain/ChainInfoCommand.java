package io.learnchain.cli.chain;

import io.learnchain.base.Height;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.chain.ChainInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain chain info}: what a data directory holds. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show the chain a stopped node's data directory holds.")
final class ChainInfoCommand implements Callable<Integer> {
    @Option(names = "--height", paramLabel = "H", description = "Also show the canonical block hash at height H.")
    Long height;

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
        try (LearnchainNode node = datadir.open()) {
            ChainInfo info = node.chain().info();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chainId", info.chainId().toHex());
            m.put("chainName", info.chainName());
            m.put("engine", info.engine());
            m.put("height", info.height().value());
            m.put("tipHash", info.tipHash().toHex());
            m.put("tipTimestamp", info.tipTimestamp());
            m.put("nextDifficulty", info.nextDifficulty());
            m.put("accounts", info.accounts());
            m.put("totalSupply", info.totalSupply().toString());
            m.put("store", info.storeLocation());
            if (height != null) {
                if (height < 0 || height > info.height().value()) {
                    throw new UserException("--height " + height + " is outside the chain (0 to "
                            + info.height().value() + ")");
                }
                m.put(
                        "blockHash",
                        node.chain()
                                .canonicalHash(Height.of(height))
                                .map(h -> h.toHex())
                                .orElse(null));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json.json) {
                JsonOption.printJson(out, m);
            } else {
                m.forEach((k, v) -> out.printf("%-15s %s%n", k, v));
                out.flush();
            }
        }
        return 0;
    }
}
