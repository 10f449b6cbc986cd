package io.learnchain.cli.devnet;

import io.learnchain.base.Amount;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.DevChain;
import io.learnchain.node.genesis.GenesisFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The genesis every node of a devnet starts from: the chosen engine, difficulty 1, the block time
 * as target interval, and the public dev accounts (at least {@link DevAccounts#DEFAULT_COUNT}, one
 * per node when there are more) funded as on the dev chain.
 */
final class DevnetGenesis {
    static final String CHAIN_NAME = "learnchain-devnet";

    private DevnetGenesis() {}

    static Genesis of(String engine, int nodes, long blockSeconds) {
        Genesis dev = DevChain.genesis(blockSeconds);
        List<Premine> premine = new ArrayList<>();
        for (int i = 0; i < accounts(nodes); i++) {
            premine.add(new Premine(DevAccounts.address(i), DevChain.premineEach()));
        }
        if (engine.equals("dqn")) {
            // The dqn dev chain's parameters (cartpole, fork option a, R_max, no subsidy); the block
            // time is the proposal slot.
            Genesis dqn = DevChain.dqnGenesis(DevChain.DQN_DEFAULT_ENVIRONMENT);
            return new Genesis(
                    CHAIN_NAME,
                    dqn.engine(),
                    blockSeconds,
                    1,
                    premine,
                    ProtocolLimits.DEFAULT,
                    dqn.blockSubsidy(),
                    dqn.timestamp());
        }
        return new Genesis(
                CHAIN_NAME,
                Engine.of(engine, Optional.empty()),
                blockSeconds,
                1,
                premine,
                ProtocolLimits.DEFAULT,
                dev.blockSubsidy(),
                dev.timestamp());
    }

    /** How many dev accounts the devnet funds. */
    static int accounts(int nodes) {
        return Math.max(DevAccounts.DEFAULT_COUNT, nodes);
    }

    /**
     * The genesis file of the devnet in {@code plan}: written when new, reused when the data
     * directory already holds one (a restart). A stored devnet of another engine is refused.
     */
    static Genesis writeOrReuse(DevnetPlan plan, String engine, long blockSeconds) {
        Path file = plan.genesisFile();
        if (Files.isRegularFile(file)) {
            Genesis stored = GenesisFiles.read(file);
            if (!stored.engine().name().equals(engine)) {
                throw new UserException("the devnet in " + plan.root() + " runs engine "
                        + stored.engine().name()
                        + ", not " + engine + ": pass --engine "
                        + stored.engine().name() + " to restart it, or another"
                        + " --datadir");
            }
            return stored;
        }
        Genesis genesis = of(engine, plan.nodes().size(), blockSeconds);
        try {
            Files.createDirectories(plan.root());
            Files.writeString(
                    file,
                    "# learnchain devnet genesis (written by `learnchain devnet`; the dev keys are PUBLIC)\n"
                            + GenesisFiles.toToml(genesis));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the devnet genesis " + file + ": " + e.getMessage()
                            + ". Check that --datadir is writable.",
                    e);
        }
        return genesis;
    }

    static Amount premineEach() {
        return DevChain.premineEach();
    }
}
