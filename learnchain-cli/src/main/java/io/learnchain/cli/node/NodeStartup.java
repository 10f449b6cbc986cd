package io.learnchain.cli.node;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.DevChain;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.genesis.GenesisFiles;
import java.nio.file.Path;
import java.util.Optional;

/** Decides which chain a node runs: the stored one, a genesis file, or the dev chain. */
final class NodeStartup {
    private NodeStartup() {}

    /**
     * The genesis for {@code datadir}: a data directory that already holds a chain keeps it (a
     * different {@code --genesis} is refused); a new one takes {@code --genesis} or, with
     * {@code --dev}, the dev chain.
     */
    static Genesis chooseGenesis(Path datadir, Path genesisFile, boolean dev, long blockSeconds) {
        return chooseGenesis(datadir, genesisFile, dev, blockSeconds, "pole", DevChain.DQN_DEFAULT_ENVIRONMENT);
    }

    /**
     * As above; a new dev chain runs {@code engine} ({@code pole}, or {@code dqn} on
     * {@code environment}: cartpole, gridworld or inventory).
     */
    static Genesis chooseGenesis(
            Path datadir, Path genesisFile, boolean dev, long blockSeconds, String engine, String environment) {
        Optional<Genesis> stored = LearnchainNode.storedGenesis(datadir);
        Genesis wanted = genesisFile != null ? GenesisFiles.read(genesisFile) : null;
        if (stored.isPresent()) {
            if (wanted != null && !wanted.chainId().equals(stored.get().chainId())) {
                throw new UserException("the data directory " + datadir + " holds chain "
                        + stored.get().chainId().shortHex()
                        + " (" + stored.get().chainName() + "), but " + genesisFile + " describes chain "
                        + wanted.chainId().shortHex() + " (" + wanted.chainName()
                        + "): use another --datadir for the new chain, "
                        + "or drop --genesis to keep running the stored one");
            }
            return stored.get();
        }
        if (wanted != null) {
            return wanted;
        }
        if (dev) {
            return switch (engine) {
                case "pole" -> DevChain.genesis(blockSeconds);
                case "dqn" -> dqnDev(environment);
                default -> throw new UserException("unknown --engine '" + engine + "': a dev chain runs pole or dqn");
            };
        }
        throw new UserException(
                "the data directory " + datadir + " holds no chain yet: pass --genesis FILE to start one "
                        + "(print a template with 'learnchain chain genesis --dev'), or run 'learnchain node --dev' for a local dev chain");
    }

    private static Genesis dqnDev(String environment) {
        try {
            return DevChain.dqnGenesis(environment);
        } catch (IllegalArgumentException e) {
            throw new UserException(
                    "--env " + environment + ": " + e.getMessage() + " (use cartpole, gridworld or inventory)", e);
        }
    }
}
