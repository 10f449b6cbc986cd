package io.learnchain.node;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.p2p.P2pConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link LearnchainNode#start} needs; the CLI builds one from flags, environment and file.
 *
 * @param dataDir where the chain database ({@code chain/}) and blobs ({@code blobs/}) live; empty = in memory
 * @param genesis the chain to run
 * @param apiHost interface the REST/SSE API binds to (e.g. 127.0.0.1)
 * @param apiPort its port; 0 picks a free one (see {@link LearnchainNode#apiPort()}); -1 disables the API
 * @param blockTimeSeconds in dev mode the idle miner seals at most one block per this interval; a pole
 *     node's miner waits this long on average before sealing an idle block
 * @param minerKey present = mine with this key (coinbase to its address); empty = do not mine
 * @param devMode dev chain conveniences (public prefunded accounts, block-time pacing)
 * @param mempool mempool limits
 * @param p2p present = run the peer protocol (listen, dial {@code --peer}s, sync); empty = a lone node
 */
public record NodeConfig(
        Optional<Path> dataDir,
        Genesis genesis,
        String apiHost,
        int apiPort,
        long blockTimeSeconds,
        Optional<KeyPair> minerKey,
        boolean devMode,
        MempoolConfig mempool,
        Optional<P2pConfig> p2p) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8645;
    public static final int API_DISABLED = -1;

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(minerKey, "minerKey");
        Objects.requireNonNull(mempool, "mempool");
        Objects.requireNonNull(p2p, "p2p");
        if (apiPort < API_DISABLED || apiPort > 65_535) {
            throw new IllegalArgumentException("API port must be 0-65535 (0 = any free port), got " + apiPort);
        }
        if (blockTimeSeconds < 1) {
            throw new IllegalArgumentException("block time must be at least 1 second, got " + blockTimeSeconds);
        }
    }

    /** A node without the peer protocol. */
    public NodeConfig(
            Optional<Path> dataDir,
            Genesis genesis,
            String apiHost,
            int apiPort,
            long blockTimeSeconds,
            Optional<KeyPair> minerKey,
            boolean devMode,
            MempoolConfig mempool) {
        this(dataDir, genesis, apiHost, apiPort, blockTimeSeconds, minerKey, devMode, mempool, Optional.empty());
    }

    /**
     * `node --dev`: the dev chain for {@code blockTimeSeconds}, mining with dev account 0, API on
     * {@code apiPort} of 127.0.0.1.
     */
    public static NodeConfig dev(Optional<Path> dataDir, int apiPort, long blockTimeSeconds) {
        return new NodeConfig(
                dataDir,
                DevChain.genesis(blockTimeSeconds),
                DEFAULT_HOST,
                apiPort,
                blockTimeSeconds,
                Optional.of(DevAccounts.keys(0)),
                true,
                MempoolConfig.DEFAULT);
    }

    /** For read-only tools (`chain info`, `chain verify`): no API, no miner. */
    public static NodeConfig offline(Path dataDir, Genesis genesis) {
        return new NodeConfig(
                Optional.of(dataDir),
                genesis,
                DEFAULT_HOST,
                API_DISABLED,
                genesis.targetBlockSeconds(),
                Optional.empty(),
                false,
                MempoolConfig.DEFAULT);
    }

    public NodeConfig withApiPort(int port) {
        return new NodeConfig(dataDir, genesis, apiHost, port, blockTimeSeconds, minerKey, devMode, mempool, p2p);
    }

    public NodeConfig withMinerKey(Optional<KeyPair> key) {
        return new NodeConfig(dataDir, genesis, apiHost, apiPort, blockTimeSeconds, key, devMode, mempool, p2p);
    }

    public NodeConfig withP2p(P2pConfig peers) {
        return new NodeConfig(
                dataDir, genesis, apiHost, apiPort, blockTimeSeconds, minerKey, devMode, mempool, Optional.of(peers));
    }

    public boolean apiEnabled() {
        return apiPort != API_DISABLED;
    }
}
