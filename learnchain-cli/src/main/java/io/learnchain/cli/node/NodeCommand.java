package io.learnchain.cli.node;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.Terminal;
import io.learnchain.cli.common.UserException;
import io.learnchain.cli.wallet.PasswordOptions;
import io.learnchain.cli.wallet.Signer;
import io.learnchain.cli.wallet.WalletDirOption;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.p2p.PeerPortUnavailableException;
import io.learnchain.node.pole.PoleConfig;
import io.learnchain.node.storage.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain node}: runs a node until Ctrl-C. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = {
            "Run a learnchain node: chain database, mempool, miner (proof-of-learning rounds on a pole chain)"
                    + " and the REST/SSE API.",
            "  learnchain node --dev                      a local dev chain (public prefunded accounts, data deleted on exit)",
            "  learnchain node --dev --engine dqn         a local dqn dev chain (cartpole; blocks are RL steps)",
            "  learnchain node --datadir D --genesis G    a node on disk (later starts need only --datadir)",
            "  learnchain node --datadir D --peer H:P     join an existing network (sync, then follow it)"
        })
public final class NodeCommand implements Callable<Integer> {
    @Option(
            names = "--dev",
            description = "Run the dev chain: prefunded public accounts, mining with dev:0, "
                    + "an ephemeral data directory unless --datadir is given.")
    boolean dev;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "pole",
            description =
                    "Engine of a new dev chain: pole (proof of learning) or dqn (on-chain reinforcement learning; "
                            + "default: ${DEFAULT-VALUE}). A chain from --genesis or a data directory runs its own engine.")
    String engine;

    @Option(
            names = "--env",
            paramLabel = "ENV",
            defaultValue = "cartpole",
            description =
                    "Environment of a new dqn dev chain: cartpole, gridworld or inventory (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(
            names = "--datadir",
            paramLabel = "DIR",
            description = "Data directory (default: ~/.learnchain/node; with --dev a temporary one).")
    Path datadir;

    @Option(
            names = "--genesis",
            paramLabel = "FILE",
            description = "Genesis file (TOML or JSON) for a new data directory.")
    Path genesis;

    @Option(
            names = "--api-host",
            paramLabel = "HOST",
            defaultValue = NodeConfig.DEFAULT_HOST,
            description = "Interface the API binds to (default: ${DEFAULT-VALUE}).")
    String apiHost;

    @Option(
            names = "--api-port",
            paramLabel = "PORT",
            defaultValue = "" + NodeConfig.DEFAULT_PORT,
            description = "API port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int apiPort;

    @Option(
            names = "--block-time",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "Idle-block interval of a new dev chain, in whole seconds (default: ${DEFAULT-VALUE}).")
    long blockTime;

    @Option(
            names = "--miner-key",
            paramLabel = "WALLET",
            description = "Mine with this key: a wallet name, key file, or dev:N (default with --dev: dev:0).")
    String minerKey;

    @Option(names = "--no-mine", description = "Do not mine, only follow and serve the chain.")
    boolean noMine;

    @Option(
            names = "--parent-pid",
            hidden = true,
            paramLabel = "PID",
            description = "Stop when this process ends (set by `learnchain devnet` for its nodes).")
    Long parentPid;

    @Mixin
    PeerOptions peerOptions;

    @Option(
            names = "--train-steps",
            paramLabel = "N",
            description = "Pole miner: optimizer steps per round (default: 600).")
    Long trainSteps;

    @Option(names = "--train-batch", paramLabel = "N", description = "Pole miner: batch size (default: 64).")
    Integer trainBatch;

    @Option(
            names = "--learning-rate",
            paramLabel = "RATE",
            description = "Pole miner: Adam learning rate (default: 0.001).")
    Float learningRate;

    @Option(
            names = "--compute-threads",
            paramLabel = "N",
            description = "Threads the engine trains and verifies with, on every engine (default: all cores; never"
                    + " changes a result).")
    Integer computeThreads;

    @Mixin
    WalletDirOption walletDir;

    @Mixin
    PasswordOptions password;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var p2p = peerOptions.config(dev, apiHost, apiPort);
        boolean ephemeral = dev && datadir == null;
        Path dir = ephemeral ? createTempDir() : datadir != null ? datadir : defaultDatadir();
        if (!dev && !engine.equals("pole")) {
            throw new UserException("--engine applies to a new dev chain only (with --dev); a node on --genesis or "
                    + "--datadir runs the engine its genesis names");
        }
        Genesis chain = NodeStartup.chooseGenesis(dir, genesis, dev, blockTime, engine, environment);
        Optional<KeyPair> miner = minerKeys();
        NodeConfig nodeConfig = new NodeConfig(
                Optional.of(dir),
                chain,
                apiHost,
                apiPort,
                chain.targetBlockSeconds(),
                miner,
                dev,
                MempoolConfig.DEFAULT,
                p2p);
        LearnchainNode node = start(nodeConfig, poleConfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            if (ephemeral) {
                                TempDirs.deleteRecursively(dir);
                            }
                            stopped.countDown();
                        },
                        "learnchain-shutdown"));
        if (parentPid != null) {
            ParentWatch.start(parentPid);
        }
        NodeBanner.print(out, node, dir, ephemeral, miner, json.json);
        if (json.json) {
            node.events().subscribe("cli-json", event -> JsonOption.printJson(out, NodeEventJson.of(event)));
        } else if (Terminal.isTerminal()) {
            SyncProgress.start(node);
        }
        stopped.await();
        return 0;
    }

    private Optional<KeyPair> minerKeys() {
        if (noMine) {
            return Optional.empty();
        }
        if (minerKey != null) {
            return Optional.of(Signer.keys(minerKey, walletDir.directory(), password));
        }
        return dev ? Optional.of(DevAccounts.keys(0)) : Optional.empty();
    }

    private PoleConfig poleConfig() {
        PoleConfig d = PoleConfig.DEFAULT;
        try {
            return new PoleConfig(
                    trainSteps != null ? trainSteps : d.trainSteps(),
                    trainBatch != null ? trainBatch : d.batch(),
                    learningRate != null ? learningRate : d.learningRate(),
                    d.trainChunkSteps(),
                    computeThreads != null ? computeThreads : d.computeThreads(),
                    d.candidateWindowMillis(),
                    d.revealGraceMillis(),
                    false);
        } catch (IllegalArgumentException e) {
            throw new UserException(
                    "--train-steps, --train-batch, --compute-threads must be >= 1 and --learning-rate " + "positive: "
                            + e.getMessage(),
                    e);
        }
    }

    private static LearnchainNode start(NodeConfig config, PoleConfig pole) {
        try {
            return LearnchainNode.start(config, Clock.system(), pole);
        } catch (StorageException | PeerPortUnavailableException e) {
            throw new UserException(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (isBindFailure(e)) {
                throw new UserException(
                        "cannot listen on " + config.apiHost() + ":" + config.apiPort() + " (" + rootMessage(e)
                                + "): another program uses that port; pass --api-port with a free one, or 0",
                        e);
            }
            throw e;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static Path defaultDatadir() {
        return Path.of(System.getProperty("user.home"), ".learnchain", "node");
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("learnchain-dev-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
    }
}
