package io.learnchain.cli.chain;

import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.chain.ChainReindexer;
import io.learnchain.node.storage.StorageException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code learnchain chain reindex}: rebuilds indexes, state and tip from the stored blocks. */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description =
                "Rebuild the indexes, the state and the tip from the stored blocks (after a damaged-database error). "
                        + "Safe to interrupt and run again.")
final class ChainReindexCommand implements Callable<Integer> {
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
        ChainReindexer.Result result;
        try {
            result = LearnchainNode.reindex(datadir.dir(), datadir.genesis(), blocks -> {});
        } catch (StorageException | UncheckedIOException e) {
            throw new UserException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", result.height().value());
        m.put("tipHash", result.tipHash().toHex());
        m.put("blocksConnected", result.blocksConnected());
        m.put("blocksLeftOut", result.blocksLeftOut());
        m.put("stoppedBecause", result.cutShort().orElse(null));
        if (json.json) {
            JsonOption.printJson(out, m);
        } else {
            out.printf(
                    "reindexed: tip %s at height %d; %d block(s) connected, %d stored block(s) left out%n",
                    result.tipHash().toHex(),
                    result.height().value(),
                    result.blocksConnected(),
                    result.blocksLeftOut());
            result.cutShort().ifPresent(why -> out.printf("the best stored branch stops there: %s%n", why));
            out.flush();
        }
        return 0;
    }
}
