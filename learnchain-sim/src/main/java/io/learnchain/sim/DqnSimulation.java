package io.learnchain.sim;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.dqn.DqnRules;
import io.learnchain.chain.dqn.LearnerCache;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.EpsilonSchedule;
import io.learnchain.learn.rl.ParallelLearning;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.blob.InMemoryBlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.dqn.DqnActionChoice;
import io.learnchain.node.dqn.DqnNode;
import io.learnchain.node.dqn.DqnRoles;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.mempool.SignatureCache;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.InMemoryChainStore;
import io.learnchain.sim.adversary.DqnLookahead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * N full nodes of a dqn chain in one process (PROTOCOL.md 4, paper 000): every node mines with its
 * own learner and proposes a block per height; the blocks meet over an in-memory network with a
 * virtual clock and every node's fork choice keeps the best. Runs until the canonical height
 * reaches the target (or, with {@code untilConverged}, the chain's moving average reached the task's
 * threshold), then stops the miners and delivers what is in flight; checks that all nodes
 * agree on one tip, that no honest block was refused, and that the supply is premine + the award
 * of every block. A pure function of the config: the tip hash does not depend on the thread count
 * or the machine.
 *
 * <p>The nodes share one {@link SignatureCache} and one {@link LearnerCache}: each block signature is
 * verified, and each proposer's public learner advanced, once in the process instead of once per
 * node (verdicts never depend on either; they only save time).
 */
final class DqnSimulation {
    static final long GENESIS_TIME = 1_767_225_600L;
    static final Amount AWARD_PER_UNIT = Amount.ofCoins(10);
    static final int GREEDY_EPISODES = 10;

    private final DqnSimConfig config;
    private final Genesis genesis;
    private final VirtualScheduler scheduler = new VirtualScheduler(GENESIS_TIME * 1000);
    private final DirectDelivery network;
    private final List<DqnNode> nodes = new ArrayList<>();
    private final List<DqnEvent> rejections = new ArrayList<>();
    private final SignatureCache signatures = new SignatureCache(1 << 16);
    private final Set<Hash> adversaryBlocks = new HashSet<>();
    private final Set<Hash> refusedAdversaryBlocks = new HashSet<>();
    private Optional<String> firstRefusal = Optional.empty();
    private LearnerCache learners;
    private final EpisodeTally progress;
    private long tallied;
    private long proposals;
    private boolean draining;

    DqnSimulation(DqnSimConfig config) {
        this.config = config;
        this.genesis = genesis(config);
        this.progress = config.tally();
        this.network = new DirectDelivery(
                scheduler,
                config.latencyMillis(),
                SplitMix64.derive(config.seed(), 1).nextLong());
    }

    private static Genesis genesis(DqnSimConfig config) {
        Genesis g = Genesis.dqnDevnet(
                config.nodes(), config.environment(), config.forkOption(), AWARD_PER_UNIT, GENESIS_TIME);
        DqnParameters p = g.dqn().orElseThrow();
        DqnParameters params = config.randomPolicy()
                ? new DqnParameters(
                        p.environment(),
                        p.forkOption(),
                        p.awardPerUnit(),
                        p.hyperparameters().withEpsilon(new EpsilonSchedule(1f, 1f, 0)))
                : p;
        return new Genesis(
                g.chainName() + (config.randomPolicy() ? "-random" : "") + "-seed-" + config.seed(),
                new Engine.Dqn(params),
                config.slotSeconds(),
                g.initialDifficulty(),
                g.premine(),
                g.limits(),
                g.blockSubsidy(),
                g.timestamp());
    }

    /** The simulation's genesis (its chain id depends on the environment, option, node count and seed). */
    Genesis genesis() {
        return genesis;
    }

    DqnSimOutcome run(ComputePool pool) {
        learners = new LearnerCache(genesis.dqn().orElseThrow(), genesis.chainId(), pool, 64 * config.nodes() + 64);
        for (int i = 0; i < config.nodes(); i++) {
            nodes.add(node(i, pool));
        }
        nodes.forEach(DqnNode::start);
        long convergedAt = -1;
        while (scheduler.step(Long.MAX_VALUE)) {
            if (!draining
                    && nodes.stream().allMatch(n -> n.chain().head().height().value() >= config.blocks())) {
                draining = true; // every miner proposed at the last height: stop; blocks in flight are still delivered
            }
            if (convergedAt < 0 && converged()) {
                convergedAt = scheduler.nowMillis(); // let the other miners of this slot propose, then stop
            }
            if (convergedAt >= 0 && scheduler.nowMillis() > convergedAt) {
                draining = true;
            }
        }
        Hash tip = nodes.getFirst().chain().head().hash();
        for (DqnNode n : nodes) {
            if (!n.chain().head().hash().equals(tip)) {
                throw new Simulation.InvariantViolation(
                        n.name() + " ends on tip " + n.chain().head().hash().shortHex()
                                + " at " + n.chain().head().height() + ", "
                                + nodes.getFirst().name() + " on "
                                + tip.shortHex() + " at "
                                + nodes.getFirst().chain().head().height());
            }
        }
        if (!rejections.isEmpty()) {
            throw new Simulation.InvariantViolation("honest nodes refused blocks: " + rejections.getFirst());
        }
        List<Block> chain = canonical(nodes.getFirst().chain());
        checkSupply(chain);
        return new DqnSimOutcome(
                config,
                genesis,
                chain,
                proposals,
                network.messages(),
                scheduler.nowMillis() - GENESIS_TIME * 1000,
                greedyReturns(),
                adversaryBlocks.size(),
                refusedAdversaryBlocks.size(),
                firstRefusal);
    }

    /**
     * With {@code untilConverged}: whether node 0's chain has reached the threshold, counted on its
     * blocks below the tip's parent (every proposal of a slot meets every node before the next slot, so
     * those are final; the outcome is recounted on the whole chain at the end anyway).
     */
    private boolean converged() {
        if (!config.untilConverged()) {
            return false;
        }
        ChainService chain = nodes.getFirst().chain();
        long settled = chain.head().height().value() - 2;
        while (tallied < settled) {
            tallied++;
            DqnProof p = (DqnProof)
                    chain.blockAt(Height.of(tallied)).orElseThrow().header().proof();
            progress.add(tallied, p.unshapedReward(), p.done());
        }
        return progress.thresholdHeight() >= 0;
    }

    private DqnNode node(int i, ComputePool pool) {
        String name = "node" + i;
        Mempool mempool =
                new Mempool(MempoolConfig.DEFAULT, new AdmissionRules(ChainRules.of(genesis), signatures, false));
        EventBus bus = new EventBus(16);
        ChainService chain = ChainService.open(
                genesis,
                InMemoryChainStore.create(genesis.chainId()),
                mempool,
                bus,
                new NodeMetrics(),
                scheduler,
                signatures,
                new BlobStoreView(new InMemoryBlobStore(genesis.limits().maxBlobBytes())),
                pool);
        bus.close();
        chain.shareLearners(learners);
        DqnNode node = DqnRoles.create(
                name,
                chain,
                Optional.of(DevAccounts.keys(i)),
                scheduler.gated(() -> !draining),
                network.port(i),
                this::onEvent,
                config.searches(i) ? new DqnLookahead() : DqnActionChoice.LEARNER);
        network.add(node.name(), node::receive);
        return node;
    }

    private void onEvent(DqnEvent e) {
        switch (e) {
            case DqnEvent.Proposed p -> {
                proposals++;
                if (config.searches(Integer.parseInt(p.node().substring("node".length())))) {
                    adversaryBlocks.add(p.block());
                }
            }
            case DqnEvent.Rejected r -> {
                if (adversaryBlocks.contains(r.block())) {
                    refusedAdversaryBlocks.add(r.block());
                    if (firstRefusal.isEmpty()) {
                        firstRefusal = Optional.of(r.reason());
                    }
                } else {
                    rejections.add(r);
                }
            }
        }
    }

    /**
     * Balances = premine + each block of {@code chain}'s award (no subsidy, no fees in this
     * simulation), on every node (all of them end on this chain's tip, checked before).
     */
    private void checkSupply(List<Block> chain) {
        DqnParameters params = genesis.dqn().orElseThrow();
        Amount minted = genesis.initialState().totalSupply();
        for (Block b : chain) {
            minted = minted.add(DqnRules.award((DqnProof) b.header().proof(), params));
        }
        for (DqnNode n : nodes) {
            Amount held = n.chain().head().tip().state().totalSupply();
            if (!held.equals(minted)) {
                throw new Simulation.InvariantViolation(
                        n.name() + " holds " + held + ", premine + the blocks' awards is " + minted);
            }
        }
    }

    /**
     * Each node's learner on its own, greedy, over {@link #GREEDY_EPISODES} fresh episodes (the same
     * starts for every node): what the nodes learned, apart from the chain's best-of-N choice.
     */
    private List<Double> greedyReturns() {
        if (!config.env().episodic()) {
            return List.of();
        }
        long evalSeed = SplitMix64.derive(config.seed(), 2).nextLong();
        return nodes.stream()
                .map(n -> ParallelLearning.evaluate(
                        config.env(), n.miner().orElseThrow().agent(), GREEDY_EPISODES, evalSeed))
                .toList();
    }

    private static List<Block> canonical(ChainService chain) {
        long height = chain.head().height().value();
        List<Block> out = new ArrayList<>((int) height);
        for (long h = 1; h <= height; h++) {
            out.add(chain.blockAt(Height.of(h)).orElseThrow());
        }
        return out;
    }
}
