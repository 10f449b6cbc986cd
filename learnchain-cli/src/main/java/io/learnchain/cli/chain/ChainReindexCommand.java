package io.learnchain.cli.chain;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.chain.ChainReindexer;
import io.learnchain.node.chain.ChainSalvage;
import io.learnchain.node.genesis.GenesisFiles;
import io.learnchain.node.storage.StorageException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain chain reindex}: rebuilds indexes, state and tip from the stored blocks. */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description =
                "Rebuild the indexes, the state and the tip from the stored blocks (after a damaged-database error)."
                        + " When the database itself cannot be read, the blocks that still can are salvaged into a new"
                        + " one and the damaged one is kept beside it. Safe to interrupt and run again.")
final class ChainReindexCommand implements Callable<Integer> {
    @Mixin
    DatadirOption datadir;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--genesis",
            paramLabel = "FILE",
            description = "This chain's genesis file, needed only when the database is so damaged that its own"
                    + " genesis record cannot be read.")
    Path genesisFile;

    @Override
    public Integer call() {
        Path dir = datadir.dir();
        if (!Files.isDirectory(dir)) {
            throw new UserException("no data directory " + dir + ": pass --datadir of a node that has run");
        }
        LearnchainNode.Repair repair;
        try {
            Optional<Genesis> genesis = Optional.ofNullable(genesisFile).map(GenesisFiles::read);
            PrintWriter err = spec.commandLine().getErr();
            repair = LearnchainNode.repair(dir, genesis, height -> {
                // On stderr (the JSON result stays alone on stdout): the store is being rewritten from here.
                if (height == 1 || height % 1_000 == 0) {
                    err.printf("reindexing: connected block %d%n", height);
                    err.flush();
                }
            });
        } catch (StorageException | UncheckedIOException e) {
            throw new UserException(e.getMessage(), e);
        }
        ChainReindexer.Result result = repair.reindex();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", result.height().value());
        m.put("tipHash", result.tipHash().toHex());
        m.put("blocksConnected", result.blocksConnected());
        m.put("blocksLeftOut", result.blocksLeftOut());
        m.put("stoppedBecause", result.cutShort().orElse(null));
        m.put("salvage", repair.salvage().map(ChainReindexCommand::salvageJson).orElse(null));
        if (json.json) {
            JsonOption.printJson(out, m);
        } else {
            repair.salvage().ifPresent(s -> printSalvage(out, s));
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

    private static Map<String, Object> salvageJson(ChainSalvage.Result s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("damagedDatabaseKeptAt", s.keptAt().toString());
        m.put("tableFiles", s.read().tableFiles());
        m.put("logFiles", s.read().logFiles());
        m.put("blocksSaved", s.blocksSaved());
        m.put("blocksWithoutParent", s.blocksWithoutParent());
        m.put("highestHeightSaved", s.highestSaved());
        m.put("highestHeightSeen", s.highestSeen());
        m.put("unreadable", s.read().damage());
        return m;
    }

    private static void printSalvage(PrintWriter out, ChainSalvage.Result s) {
        out.printf(
                "the database could not be read as it was; salvaged %d block(s) up to height %d from %d table"
                        + " file(s) and %d log file(s)%n",
                s.blocksSaved(),
                s.highestSaved(),
                s.read().tableFiles(),
                s.read().logFiles());
        if (s.read().damage().isEmpty()) {
            out.println("every record could be read");
        } else {
            out.println("could not be read:");
            s.read().damage().forEach(d -> out.println("  " + d));
        }
        if (s.blocksWithoutParent() > 0) {
            out.printf(
                    "%d block(s) up to height %d left out: a block they build on could not be read%n",
                    s.blocksWithoutParent(), s.highestSeen());
        }
        out.printf(
                "the damaged database is kept at %s (delete it once the node runs again); the node fetches"
                        + " the blocks it lacks from its peers%n",
                s.keptAt());
    }
}
