package io.learnchain.cli.chain;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --datadir} of the offline chain tools, and opening it read-side (no API, no miner). */
public final class DatadirOption {
    @Option(
            names = "--datadir",
            paramLabel = "DIR",
            description = "The node's data directory (default: ~/.learnchain/node).")
    Path datadir;

    Path dir() {
        return datadir != null ? datadir : Path.of(System.getProperty("user.home"), ".learnchain", "node");
    }

    Genesis genesis() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            throw new UserException("no data directory " + dir + ": pass --datadir of a node that has run");
        }
        try {
            return LearnchainNode.storedGenesis(dir)
                    .orElseThrow(() -> new UserException(
                            "the data directory " + dir + " holds no chain: pass --datadir of a node that has run"));
        } catch (StorageException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    LearnchainNode open() {
        Genesis genesis = genesis();
        try {
            return LearnchainNode.start(NodeConfig.offline(dir(), genesis));
        } catch (StorageException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
