package io.learnchain.node;

import io.learnchain.base.Address;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.state.Account;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.api.AccountRoutes;
import io.learnchain.node.api.ApiCookies;
import io.learnchain.node.api.ApiRoutes;
import io.learnchain.node.api.ApiServer;
import io.learnchain.node.api.ApiToken;
import io.learnchain.node.api.ChainRoutes;
import io.learnchain.node.api.EventRoutes;
import io.learnchain.node.api.LifelongRoutes;
import io.learnchain.node.api.MinerRoutes;
import io.learnchain.node.api.ModelRoutes;
import io.learnchain.node.api.PeerRoutes;
import io.learnchain.node.api.TaskRoutes;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.blob.FileBlobStore;
import io.learnchain.node.blob.InMemoryBlobStore;
import io.learnchain.node.chain.ChainReindexer;
import io.learnchain.node.chain.ChainSalvage;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ChainVerifier;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.dqn.DqnService;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.SignatureCache;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.metrics.PoleMetrics;
import io.learnchain.node.miner.MinerConfig;
import io.learnchain.node.miner.MinerService;
import io.learnchain.node.p2p.ChainGossipSink;
import io.learnchain.node.p2p.GossipSink;
import io.learnchain.node.p2p.SingleThreadScheduler;
import io.learnchain.node.p2p.netty.P2pNetwork;
import io.learnchain.node.pole.MasterKeys;
import io.learnchain.node.pole.PoleConfig;
import io.learnchain.node.pole.PoleService;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.InMemoryChainStore;
import io.learnchain.node.storage.RocksDbChainStore;
import io.learnchain.node.storage.StorageException;
import io.learnchain.node.storage.StoreCorruptedException;
import io.learnchain.node.task.RequesterJournal;
import io.learnchain.node.task.TaskPreparer;
import io.learnchain.node.task.TaskService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, assembled from a {@link NodeConfig}: chain database and blob store (RocksDB and
 * files under the data directory, or in memory), mempool, chain service, event bus, metrics, the
 * REST/SSE API and, when a miner key is given, the miner. On a chain with engine {@code pole} the
 * node runs proof-of-learning rounds ({@link PoleService}: verifier always; miner and requester
 * with the node's key); on a chain with engine {@code dqn} the {@link DqnService} follows the chain
 * and, with a key, proposes a step per slot; otherwise the idle {@link MinerService} mines. {@link #close()} stops them
 * in reverse.
 */
public final class LearnchainNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LearnchainNode.class);
    private static final int EVENT_QUEUE = 4_096;
    private static final int SIGNATURE_CACHE = 50_000;

    private final NodeConfig config;
    private final ChainStore store;
    private final BlobStore blobs;
    private final EventBus events;
    private final NodeMetrics metrics;
    private final ChainService chain;
    private final Optional<ApiServer> api;
    private final Optional<MinerService> miner;
    private final Optional<P2pNetwork> peers;
    private final Optional<PoleService> pole;
    private final Optional<DqnService> dqn;
    private final Optional<TaskService> tasks;
    private final Deque<AutoCloseable> closeOrder;
    private boolean closed;

    private LearnchainNode(
            NodeConfig config,
            ChainStore store,
            BlobStore blobs,
            EventBus events,
            NodeMetrics metrics,
            ChainService chain,
            Optional<ApiServer> api,
            Optional<MinerService> miner,
            Optional<PoleService> pole,
            Optional<DqnService> dqn,
            Optional<TaskService> tasks,
            Optional<P2pNetwork> peers,
            Deque<AutoCloseable> closeOrder) {
        this.config = config;
        this.store = store;
        this.blobs = blobs;
        this.events = events;
        this.metrics = metrics;
        this.chain = chain;
        this.api = api;
        this.miner = miner;
        this.peers = peers;
        this.pole = pole;
        this.dqn = dqn;
        this.tasks = tasks;
        this.closeOrder = closeOrder;
    }

    public static LearnchainNode start(NodeConfig config) {
        return start(config, Clock.system());
    }

    /**
     * Opens the stores, the chain and the services of {@code config}. On any failure everything
     * opened so far is closed again before the exception leaves.
     *
     * @throws io.learnchain.node.storage.StoreCorruptedException when the data directory is damaged
     */
    public static LearnchainNode start(NodeConfig config, Clock clock) {
        return start(config, clock, PoleConfig.DEFAULT);
    }

    /** As above, running proof-of-learning rounds (engine {@code pole}) with {@code poleConfig}. */
    public static LearnchainNode start(NodeConfig config, Clock clock, PoleConfig poleConfig) {
        VectorSupport vectors = VectorSupport.detect();
        LOG.info("engine: {}", vectors.summary());
        vectors.warning().ifPresent(w -> LOG.warn("engine is slow here: {}", w));
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            ChainStore store = push(opened, openChainStore(config));
            BlobStore blobs = push(opened, openBlobStore(config));
            EventBus events = push(opened, new EventBus(EVENT_QUEUE));
            NodeMetrics metrics = new NodeMetrics();
            SignatureCache signatures = new SignatureCache(SIGNATURE_CACHE);
            boolean runsPole = runsPoleRounds(config.genesis());
            Mempool mempool = new Mempool(
                    config.mempool(), new AdmissionRules(ChainRules.of(config.genesis()), signatures, runsPole));
            // Every engine trains and verifies on the node's one compute pool (--compute-threads; calls
            // from two threads are serialised; the thread count never changes a verdict or a model).
            ComputePool pool = push(opened, new ComputePool(poleConfig.computeThreads()));
            ChainService chain = ChainService.open(
                    config.genesis(),
                    store,
                    mempool,
                    events,
                    metrics,
                    clock,
                    signatures,
                    new BlobStoreView(blobs),
                    pool);
            Optional<PoleService> pole = Optional.empty();
            Optional<MinerService> miner = Optional.empty();
            Optional<DqnService> dqn = Optional.empty();
            switch (config.genesis().engine()) {
                // Every node of a dqn chain proposes in the same slots: the genesis's target block time.
                case Engine.Dqn d ->
                    dqn = Optional.of(push(opened, DqnService.start("node", chain, events, clock, config.minerKey())));
                case Engine.Pole p -> {
                    pole = Optional.of(push(
                            opened,
                            PoleService.start(
                                    "node",
                                    chain,
                                    blobs,
                                    events,
                                    clock,
                                    pool,
                                    config.minerKey(),
                                    poleConfig.withAuditAll(config.p2p()
                                            .map(p2p -> p2p.verify() == VerifyLevel.REPLAY)
                                            .orElse(false)),
                                    config.devMode()
                                            ? PoleService.Pacing.dev(config.blockTimeSeconds())
                                            : new PoleService.Pacing(config.blockTimeSeconds() * 1000, 0),
                                    true,
                                    config.dataDir()
                                            .map(dir -> MasterKeys.inDirectory(dir.resolve("task-keys")))
                                            .orElseGet(MasterKeys::inMemory))));
                    pole.get().addListener(new PoleMetrics(metrics.registry()));
                }
                case Engine.Idle i -> {
                    miner = config.minerKey()
                            .map(key -> new MinerService(
                                    chain,
                                    mempool,
                                    MinerConfig.of(key, config.devMode() ? config.blockTimeSeconds() : 0),
                                    clock,
                                    metrics));
                    miner.ifPresent(m -> {
                        push(opened, m);
                        m.start();
                    });
                }
            }
            Optional<PoleService> poleService = pole;
            Optional<DqnService> dqnService = dqn;
            Optional<P2pNetwork> peers = config.p2p().map(p2p -> {
                SingleThreadScheduler scheduler = push(opened, new SingleThreadScheduler("learnchain-p2p", clock));
                GossipSink sink = poleService
                        .<GossipSink>map(p -> p::receive)
                        .or(() -> dqnService.map(d -> d::receive))
                        .orElseGet(() -> new ChainGossipSink(chain));
                P2pNetwork network = push(opened, P2pNetwork.start(p2p, chain, blobs, events, scheduler, sink));
                metrics.gauge(
                        "learnchain.peers",
                        "peers connected and past the handshake",
                        () -> network.service().readyCount());
                poleService.ifPresent(p -> p.peers().attach(network.service()));
                dqnService.ifPresent(d -> d.peers().attach(network.service()));
                return network;
            });
            Optional<TaskService> tasks = pole.map(p -> push(
                    opened,
                    new TaskService(
                            p,
                            blobs,
                            new TaskPreparer(DatasetLoader.standard()),
                            config.dataDir().map(RequesterJournal::open).orElseGet(RequesterJournal::inMemory),
                            clock)));
            Optional<ApiServer> api = Optional.empty();
            if (config.apiEnabled()) {
                Optional<MinerService> idleMiner = miner;
                // /status says whether the node mines now (miner/stop turns it off), not whether it has a key
                BooleanSupplier mining = () -> poleService
                        .map(PoleService::isMining)
                        .or(() -> dqnService.map(DqnService::isMining))
                        .orElseGet(() -> idleMiner.map(MinerService::isRunning).orElse(false));
                List<ApiRoutes> routes = new ArrayList<>(List.of(
                        new ChainRoutes(chain, mining, config.devMode()),
                        new EventRoutes(events, chain),
                        new AccountRoutes(chain),
                        new PeerRoutes(peers),
                        new LifelongRoutes(chain, blobs),
                        new ModelRoutes()));
                pole.ifPresent(p -> routes.add(new MinerRoutes(p)));
                tasks.ifPresent(t -> routes.add(new TaskRoutes(t)));
                ApiServer server = push(
                        opened,
                        ApiServer.start(config.apiHost(), config.apiPort(), metrics, routes, ApiToken.random()));
                push(opened, ApiCookies.write(server.token(), server.port(), config.dataDir()));
                api = Optional.of(server);
            }
            return new LearnchainNode(
                    config, store, blobs, events, metrics, chain, api, miner, pole, dqn, tasks, peers, opened);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Whether a node on {@code genesis} runs proof-of-learning rounds (engine {@code pole}). */
    public static boolean runsPoleRounds(Genesis genesis) {
        return genesis.engine() instanceof Engine.Pole;
    }

    /**
     * The genesis a data directory was created with (so `node` restarts and `chain info` need no
     * genesis flags); empty when the directory holds no chain yet.
     *
     * @throws io.learnchain.node.storage.StoreCorruptedException when the stored genesis is damaged
     */
    public static Optional<Genesis> storedGenesis(Path dataDir) {
        Path path = dataDir.resolve("chain");
        return RocksDbChainStore.readGenesis(path).map(stored -> {
            Genesis genesis;
            try {
                genesis = GenesisCodec.INSTANCE.decode(stored.canonicalBytes());
            } catch (CodecException e) {
                throw new StoreCorruptedException(
                        path.toString(), "its genesis record is unreadable (" + e.getMessage() + ")", e);
            }
            if (!genesis.chainId().equals(stored.chainId())) {
                throw new StoreCorruptedException(path.toString(), "its genesis record does not hash to its chain id");
            }
            return genesis;
        });
    }

    /** What `learnchain chain reindex` did: the salvage of a database RocksDB could not read, if one was needed, and the reindex. */
    public record Repair(Optional<ChainSalvage.Result> salvage, ChainReindexer.Result reindex) {}

    /**
     * `learnchain chain reindex`: rebuilds indexes, state and tip of the chain database under
     * {@code dataDir} from its stored blocks (the node must not be running on it). When RocksDB cannot
     * open the database or read through it, the blocks that can still be read are salvaged into a new
     * one first ({@link ChainSalvage}); {@code genesisFile} is the chain's genesis for a database whose
     * own genesis record is unreadable.
     *
     * @throws StorageException when there is no chain there, or the salvage cannot find its genesis
     */
    public static Repair repair(Path dataDir, Optional<Genesis> genesisFile, LongConsumer progress) {
        Optional<Genesis> stored = Optional.empty();
        StoreCorruptedException damage = null;
        try {
            stored = storedGenesis(dataDir);
        } catch (StoreCorruptedException e) {
            damage = e;
        }
        if (damage == null) {
            Genesis genesis = stored.or(() -> genesisFile)
                    .orElseThrow(() -> new StorageException("the data directory " + dataDir
                            + " holds no chain: pass --datadir of a node that has run"));
            try {
                return new Repair(Optional.empty(), reindex(dataDir, genesis, progress));
            } catch (StoreCorruptedException e) {
                damage = e;
            }
        }
        LOG.warn("{} Salvaging the blocks that can still be read.", damage.getMessage());
        ChainSalvage.Result salvage = ChainSalvage.salvage(dataDir, stored.or(() -> genesisFile));
        return new Repair(Optional.of(salvage), reindex(dataDir, salvage.genesis(), progress));
    }

    /** Rebuilds what is derived from the stored blocks, on a database RocksDB can read. */
    static ChainReindexer.Result reindex(Path dataDir, Genesis genesis, LongConsumer progress) {
        Path blobDir = dataDir.resolve("blobs");
        try (ChainStore store = RocksDbChainStore.openForRepair(dataDir.resolve("chain"), genesis.chainId());
                BlobStore blobs = FileBlobStore.open(blobDir, genesis.limits().maxBlobBytes());
                ComputePool pool =
                        new ComputePool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            return new ChainReindexer(genesis, store, new BlobStoreView(blobs), pool).reindex(progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store " + blobDir + ": " + e.getMessage(), e);
        }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    private static ChainStore openChainStore(NodeConfig config) {
        return config.dataDir()
                .<ChainStore>map(dir -> RocksDbChainStore.open(
                        dir.resolve("chain"), config.genesis().chainId()))
                .orElseGet(() -> InMemoryChainStore.create(config.genesis().chainId()));
    }

    private static BlobStore openBlobStore(NodeConfig config) {
        long max = config.genesis().limits().maxBlobBytes();
        if (config.dataDir().isEmpty()) {
            return new InMemoryBlobStore(max);
        }
        Path dir = config.dataDir().get().resolve("blobs");
        try {
            return FileBlobStore.open(dir, max);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the blob store " + dir + ": " + e.getMessage()
                            + ". Check that the data directory is writable.",
                    e);
        }
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    public NodeConfig config() {
        return config;
    }

    public ChainService chain() {
        return chain;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public EventBus events() {
        return events;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public ChainStore store() {
        return store;
    }

    /** The peer networking, when {@link NodeConfig#p2p()} asked for it. */
    public Optional<P2pNetwork> peers() {
        return peers;
    }

    public boolean isMining() {
        return miner.map(MinerService::isRunning).orElse(false)
                || pole.map(PoleService::isMining).orElse(false)
                || dqn.map(DqnService::isMining).orElse(false);
    }

    /** The dqn engine's roles (a chain whose genesis runs engine dqn): the peer seam, the events. */
    public Optional<DqnService> dqn() {
        return dqn;
    }

    /** The proof-of-learning rounds (engine pole): the peer seam, the roles, the miner log. */
    public Optional<PoleService> pole() {
        return pole;
    }

    /** The data node's task side (engine pole): post tasks, their status and winning models. */
    public Optional<TaskService> tasks() {
        return tasks;
    }

    /** The bound API port, or -1 when the API is disabled. */
    public int apiPort() {
        return api.map(ApiServer::port).orElse(NodeConfig.API_DISABLED);
    }

    /** E.g. {@code http://127.0.0.1:8645/api/v1}. */
    public String apiUrl() {
        return "http://" + config.apiHost() + ":" + apiPort() + "/api/v1";
    }

    /** The routes the API serves (empty when the API is disabled); see /api/v1/openapi.json. */
    public List<ApiServer.Endpoint> apiEndpoints() {
        return api.map(ApiServer::endpoints).orElse(List.of());
    }

    /** The token requests that change this node must carry (empty when the API is disabled); see {@link ApiCookies}. */
    public Optional<String> apiToken() {
        return api.map(a -> a.token().value());
    }

    /** The dashboard (docs/dashboard.md), with the API token it needs to change the node. */
    public String dashboardUrl() {
        return "http://" + config.apiHost() + ":" + apiPort() + "/"
                + apiToken().map(t -> "?token=" + t).orElse("");
    }

    /** The account at the canonical tip. */
    public Account account(Address address) {
        return chain.account(address);
    }

    /** Re-executes the canonical chain from genesis and reports the first bad block, if any. */
    public ChainVerifier.Report verify() {
        return chain.verifyFromGenesis();
    }

    /** As {@link #verify()}, reporting each height to {@code progress}; {@code replay} re-trains every pole block. */
    public ChainVerifier.Report verify(LongConsumer progress, boolean replay) {
        return chain.verifyFromGenesis(progress, replay);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(closeOrder);
        LOG.info("node stopped at height {}", chain.head().height());
    }
}
