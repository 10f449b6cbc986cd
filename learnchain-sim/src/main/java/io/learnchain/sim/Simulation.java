package io.learnchain.sim;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.blob.InMemoryBlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.data.TrainTestData;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.pole.AuditorRole;
import io.learnchain.node.pole.CpuMeter;
import io.learnchain.node.pole.MinerPlan;
import io.learnchain.node.pole.MinerRole;
import io.learnchain.node.pole.MinerStrategy;
import io.learnchain.node.pole.PoleNode;
import io.learnchain.node.pole.RequesterRole;
import io.learnchain.node.storage.InMemoryChainStore;
import io.learnchain.sim.adversary.KeyFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * N full nodes in one process over an in-memory network with a virtual clock (PROTOCOL.md 3,
 * SCENARIOS.md D): node 0 posts a task and reveals its shards, every node mines and verifies.
 * After every event the supply invariant is checked on every node; at the end, that all nodes
 * agree on one tip and that the chain re-verifies. A pure function of the config: the tip hash
 * does not depend on the thread count or the machine.
 */
public final class Simulation {
    static final long GENESIS_TIME = 1_767_225_600L;
    static final Amount REWARD = Amount.ofCoins(10);
    static final long MAX_PHASE_SECONDS = 600;
    static final long IDLE_MEAN_MILLIS = 5_000;
    static final int FALSE_CLAIMS_PER_ROUND = 50;

    private final SimConfig config;
    private final TrainTestData data;
    private final Genesis genesis;
    private final VirtualScheduler scheduler = new VirtualScheduler(GENESIS_TIME * 1000);
    private final SimNetwork network;
    private final List<PoleNode> nodes = new ArrayList<>();
    private final List<BlobStore> blobs = new ArrayList<>();
    /** The blob bytes, once for all nodes (each node's store still holds only what it stored). */
    private final Map<Hash, byte[]> sharedBlobBytes = new ConcurrentHashMap<>();

    private final List<PoleEvent> events = new ArrayList<>();
    private final List<AdversaryTrace> traces = new ArrayList<>();
    private final Amount premined;
    private boolean draining;

    public Simulation(SimConfig config, TrainTestData data) {
        this.config = config;
        this.data = data;
        List<Premine> premine = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            premine.add(new Premine(DevAccounts.address(i), Amount.ofCoins(1_000_000)));
        }
        this.genesis = new Genesis(
                "learnchain-sim",
                Engine.POLE,
                10,
                1,
                premine,
                ProtocolLimits.DEFAULT,
                Amount.ofCoins(50),
                GENESIS_TIME);
        this.premined = genesis.initialState().totalSupply();
        this.network = new SimNetwork(
                scheduler,
                config.latencyMillis(),
                SplitMix64.derive(config.seed(), 1).nextLong(),
                config.partition());
    }

    /** Runs the whole simulation on {@code pool}; throws {@link InvariantViolation} when an invariant breaks. */
    public SimOutcome run(ComputePool pool) {
        Optional<ProjectionSpec> privacy =
                config.task().privateData() ? Optional.of(ProjectionSpec.defaultsFor(28, 28)) : Optional.empty();
        Optional<MasterSecretKey> masterKey = Optional.empty();
        byte[] trainBlob;
        if (privacy.isPresent()) {
            // the data node's encryption, seeded so a run repeats (a real data node draws from SecureRandom)
            EntropySource entropy =
                    EntropySource.seeded(SplitMix64.derive(config.seed(), 7).nextLong());
            MasterSecretKey key = InnerProductEncryption.setup(privacy.get().dimension(), entropy);
            masterKey = Optional.of(key);
            trainBlob = EncryptedDataset.encrypt(data.train(), privacy.get().input(), key, entropy, pool)
                    .encode();
        } else {
            trainBlob = DatasetCodec.encode(data.train());
        }
        for (int i = 0; i < config.nodes(); i++) {
            nodes.add(node(i, pool, trainBlob));
        }
        List<byte[]> shards = DatasetShards.split(data.test(), config.rounds(), config.seed()).stream()
                .map(DatasetCodec::encode)
                .toList();
        PostTask terms = new PostTask(
                config.task().spec().text(),
                hash(trainBlob),
                config.task().minTrainingBp(),
                config.rounds(),
                REWARD,
                minPhaseSeconds(),
                minPhaseSeconds(),
                MAX_PHASE_SECONDS,
                shards.stream().map(Hash::sha256).toList(),
                privacy);
        network.start();
        nodes.forEach(PoleNode::start);
        requester.post(terms, shards, Amount.ZERO, masterKey);
        long limit = GENESIS_TIME * 1000 + (config.rounds() + 2) * (MAX_PHASE_SECONDS + 120) * 1000;
        while (scheduler.step(limit)) {
            checkSupply();
            if (!draining && taskDone()) {
                draining = true; // miners stop; messages in flight and pending decisions still run
                network.quiesce();
            }
        }
        return new SimOutcome(
                config,
                genesis,
                nodes,
                blobs.getFirst(),
                events,
                traces,
                data,
                scheduler.nowMillis() - GENESIS_TIME * 1000,
                scheduler.executed(),
                network.messages());
    }

    private RequesterRole requester;

    /** The network, for what happened on it (partition heights, synced blocks). */
    SimNetwork network() {
        return network;
    }

    private PoleNode node(int i, ComputePool pool, byte[] trainBlob) {
        String name = "node" + i;
        KeyPair key = DevAccounts.keys(i);
        BlobStore store = new InMemoryBlobStore(genesis.limits().maxBlobBytes(), sharedBlobBytes);
        put(store, trainBlob); // every miner has fetched the training set
        blobs.add(store);
        Mempool mempool = new Mempool(
                MempoolConfig.DEFAULT, new AdmissionRules(ChainRules.of(genesis), SignatureVerifier.ED25519, true));
        EventBus bus = new EventBus(16);
        ChainService chain = ChainService.open(
                genesis,
                InMemoryChainStore.create(genesis.chainId()),
                mempool,
                bus,
                new NodeMetrics(),
                scheduler,
                SignatureVerifier.ED25519,
                new BlobStoreView(store),
                pool);
        bus.close();
        Adversary adversary = adversaryAt(i);
        Optional<Adversary> requesterSide =
                config.adversaries().stream().filter(Adversary::requesterSide).findFirst();
        GossipNetwork port = network.port(i);
        AdversaryTrace trace = null;
        if (adversary != null || (i == 0 && requesterSide.isPresent())) {
            trace = new AdversaryTrace(adversary != null ? adversary : requesterSide.get(), name, key.publicKey());
            traces.add(trace);
            port = trace.watching(port);
        }
        PoleNode node = new PoleNode(
                name, chain, store, scheduler, port, events::add, candidateWindowMillis(), CpuMeter.process());
        network.add(node, store);
        TaskPreset t = config.task();
        MinerPlan plan = new MinerPlan(t.steps(), t.batch(), t.learningRate(), true, t.stepMillis(), IDLE_MEAN_MILLIS);
        node.attach(new MinerRole(
                name,
                key,
                chain,
                node.outbound(),
                scheduler.gated(() -> !draining),
                events::add,
                pool,
                plan,
                adversary == null ? MinerStrategy.honest() : adversary.strategy(),
                SplitMix64.derive(config.seed(), 100 + i).nextLong(),
                CpuMeter.process()));
        if (i == 0) {
            requester = new RequesterRole(
                    name,
                    key,
                    chain,
                    store,
                    requesterPort(requesterSide, node.outbound(), key, trace),
                    scheduler,
                    events::add,
                    10 * config.latencyMillis() + 500);
            if (!config.adversaries().contains(Adversary.SILENT_REQUESTER)) {
                node.attach(requester); // a silent requester posts its task and then never hears of it again
            }
            node.attach(new AuditorRole(
                    name,
                    AuditorRole.keyFor(key),
                    chain,
                    node.outbound(),
                    scheduler,
                    events::add,
                    pool,
                    AuditorRole.tasksOf(Address.of(key.publicKey())),
                    CpuMeter.process(),
                    Long.MAX_VALUE));
        }
        return node;
    }

    /**
     * What the requester's role sends through: the node's port, rewritten by a requester-side key
     * fault (issue 20; the attack code is learnchain-sim's {@link KeyFaults}, the role is unchanged).
     */
    private GossipNetwork requesterPort(
            Optional<Adversary> fault, GossipNetwork out, KeyPair key, AdversaryTrace trace) {
        return switch (fault.orElse(Adversary.SILENT_REQUESTER)) {
            case BAD_KEYS -> KeyFaults.badKeys(out, key);
            case SELECTIVE_KEYS ->
                KeyFaults.selectiveKeys(out, trace.watching(m -> network.sendTo(0, config.nodes() - 1, m)));
            default -> out;
        };
    }

    /** How long after a reveal a node decides the round: the candidates' window. */
    private long candidateWindowMillis() {
        return 20 * config.latencyMillis() + 2_000;
    }

    /**
     * The task's minimum phase time: long enough for an honest miner to see the parent (the
     * candidate window and a hop after the parent's timestamp), train and get its commitment to
     * the requester (another hop), plus a second of timestamp rounding. A shorter one lets a miner
     * that commits at once without training (stale-model) set off the requester's reveal before
     * any honest commitment is out, and every honest block of the round is then late.
     */
    long minPhaseSeconds() {
        TaskPreset t = config.task();
        long millis = candidateWindowMillis() + t.steps() * t.stepMillis() + 4 * config.latencyMillis();
        return (millis + 999) / 1000 + 1;
    }

    /** Adversaries sit on the last nodes, in the order given (node 0, the requester, stays honest as a miner). */
    Adversary adversaryAt(int i) {
        List<Adversary> miners =
                config.adversaries().stream().filter(a -> !a.requesterSide()).toList();
        int k = config.nodes() - 1 - i;
        return k < miners.size() && i > 0 ? miners.get(k) : null;
    }

    /** Every node has the task closed (finished or forfeited): the miners can stop. */
    /** The task is closed and no won round's payout is still held (each was paid or refuted). */
    private boolean taskDone() {
        return nodes.stream()
                .allMatch(n -> n.chain()
                        .head()
                        .tip()
                        .state()
                        .tasks()
                        .get(1)
                        .map(t -> t.status() != TaskStatus.OPEN && t.held().isEmpty())
                        .orElse(false));
    }

    /** Balances + escrow + burned = premine + one subsidy per block, on every node. */
    private void checkSupply() {
        for (PoleNode n : nodes) {
            WorldState s = n.chain().head().tip().state();
            Amount held =
                    s.totalSupply().add(s.totalEscrow()).add(s.totalHeld()).add(s.totalBurned());
            Amount minted = premined.add(Amount.ofUnits(Math.multiplyExact(
                    genesis.blockSubsidy().units(), n.chain().head().height().value())));
            if (!held.equals(minted)) {
                throw new InvariantViolation(
                        n.name() + " at height " + n.chain().head().height() + " holds " + held
                                + " (balances + escrow + burned) but premine + subsidies are " + minted);
            }
        }
    }

    private static Hash hash(byte[] bytes) {
        return Hash.sha256(bytes);
    }

    private static void put(BlobStore store, byte[] bytes) {
        try {
            store.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An invariant of the simulation broke: a bug in the node or the chain, never a normal outcome. */
    static final class InvariantViolation extends RuntimeException {
        InvariantViolation(String message) {
            super(message);
        }
    }
}
