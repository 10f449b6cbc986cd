package io.learnchain.learn.rl;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.train.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One node's DQN learner (paper 000, steps 1-7): a Q-network, a target network copied from it every C
 * gradient steps, a replay buffer and an epsilon-greedy schedule, never shared with other nodes.
 * Per block the node {@link #act}s, steps the environment, {@link #observe}s the transition and
 * {@link #train}s, which returns the {@link DqnTrainingRecord} it publishes.
 *
 * <p>A gradient step: sample a batch with the step's seed; y = r + gamma max_a' Q_target(s', a')
 * (y = r for terminal s'); loss = mean over the batch of Huber(Q(s, a) - y) (or half its square);
 * backward through the engine; one optimizer step (step numbers count from 1 over the agent's life);
 * every {@code targetPeriod}-th gradient step copies Q into the target. Mutable and not thread-safe;
 * the kernels use the given pool, whose thread count never changes a bit.
 */
public final class DqnAgent {
    private final DqnHyperparameters hp;
    private final ComputePool pool;
    private final Network online;
    private final Network target;
    private final Network actor;
    private final float[] optimizerState;
    private final ReplayBuffer replay;
    private final ReplayBuffer.Batch batch;
    private final float[] targets;
    private long iterations;
    private long envSteps;

    private DqnAgent(DqnHyperparameters hp, ComputePool pool, ReplayBuffer replay) {
        this.hp = hp;
        this.pool = Objects.requireNonNull(pool, "pool");
        this.online = new Network(hp.network(), hp.batchSize());
        this.target = new Network(hp.network(), hp.batchSize());
        this.actor = new Network(hp.network(), 1);
        this.optimizerState = new float[hp.optimizer().stateSlots() * online.parameters().length];
        this.replay = replay;
        this.batch = ReplayBuffer.Batch.of(hp.batchSize(), online.inputSize());
        this.targets = new float[hp.batchSize()];
    }

    /** A fresh learner: Q initialised from {@code seed} by the engine's {@link Initializer}, target = Q. */
    public static DqnAgent create(DqnHyperparameters hp, long seed, ComputePool pool) {
        DqnAgent a = new DqnAgent(
                hp,
                pool,
                new ReplayBuffer(
                        hp.replayCapacity(), hp.network().layout().input().size()));
        Model init = Initializer.initialize(hp.network(), seed);
        a.online.load(init);
        a.target.load(init);
        return a;
    }

    /** An independent deep copy (networks, optimizer state, replay buffer, counters). */
    public DqnAgent copy() {
        DqnAgent a = new DqnAgent(hp, pool, replay.copy());
        System.arraycopy(online.parameters(), 0, a.online.parameters(), 0, online.parameters().length);
        System.arraycopy(target.parameters(), 0, a.target.parameters(), 0, target.parameters().length);
        System.arraycopy(optimizerState, 0, a.optimizerState, 0, optimizerState.length);
        a.iterations = iterations;
        a.envSteps = envSteps;
        return a;
    }

    public DqnHyperparameters hyperparameters() {
        return hp;
    }

    /** Gradient steps taken so far. */
    public long iterations() {
        return iterations;
    }

    /** Transitions observed so far (the epsilon schedule's clock). */
    public long environmentSteps() {
        return envSteps;
    }

    public int replaySize() {
        return replay.size();
    }

    public Model onlineModel() {
        return online.toModel();
    }

    public Model targetModel() {
        return target.toModel();
    }

    /** The Q-network's model hash. */
    public Hash weightsHash() {
        return online.toModel().hash();
    }

    /** Epsilon-greedy: one {@code nextFloat} draw, and a {@code nextInt} for the random action when exploring. */
    public int act(EnvState state, SplitMix64 rng) {
        float eps = hp.epsilon().at(envSteps);
        if (rng.nextFloat() < eps) {
            return rng.nextInt(online.outputSize());
        }
        return greedy(state);
    }

    /** The action of highest Q-value (ties to the lowest index). */
    public int greedy(EnvState state) {
        System.arraycopy(online.parameters(), 0, actor.parameters(), 0, online.parameters().length);
        float[] q = actor.forward(pool, state.observation(), 1);
        return argmax(q, 0, online.outputSize());
    }

    /** Q-values of one state. */
    public float[] qValues(EnvState state) {
        System.arraycopy(online.parameters(), 0, actor.parameters(), 0, online.parameters().length);
        float[] q = actor.forward(pool, state.observation(), 1);
        return Arrays.copyOf(q, online.outputSize());
    }

    /** Stores a transition and advances the exploration clock (one call per environment step). */
    public void observe(Transition t) {
        store(t);
        envSteps++;
    }

    /** Stores a further transition of the same environment step (the clock does not move). */
    public void store(Transition t) {
        if (t.action() >= online.outputSize()) {
            throw new IllegalArgumentException(
                    "action " + t.action() + " is outside the network's " + online.outputSize() + " actions");
        }
        replay.add(t);
    }

    /**
     * One block of training: {@code gradientSteps} steps with batch seeds {@code derive(blockSeed, k)};
     * none while the replay buffer holds fewer than {@code warmup} transitions.
     */
    public DqnTrainingRecord train(long blockSeed) {
        List<Long> seeds = new ArrayList<>();
        if (replay.size() >= hp.warmup()) {
            for (int k = 0; k < hp.gradientSteps(); k++) {
                seeds.add(SplitMix64.derive(blockSeed, k).nextLong());
            }
        }
        return run(seeds);
    }

    /**
     * Re-runs a recorded block of training on a copy of {@code before} (the learner as it was before
     * the block) and returns the copy; compare its {@link #weightsHash} with the record's.
     */
    public static DqnAgent replay(DqnAgent before, DqnTrainingRecord record) {
        DqnAgent a = before.copy();
        if (!a.weightsHash().equals(record.weightsBefore()) || a.iterations != record.iterationBefore()) {
            throw new IllegalArgumentException(
                    "record starts from weights " + record.weightsBefore().shortHex()
                            + " at iteration " + record.iterationBefore() + ", the learner is at "
                            + a.weightsHash().shortHex()
                            + " iteration " + a.iterations + ": replay from the learner state before the block");
        }
        a.run(record.batchSeeds());
        return a;
    }

    /** Whether replaying {@code record} from {@code before} gives the recorded hashes, bit for bit. */
    public static boolean verify(DqnAgent before, DqnTrainingRecord record) {
        DqnAgent a = replay(before, record);
        return a.weightsHash().equals(record.weightsAfter())
                && a.targetModel().hash().equals(record.targetAfter());
    }

    private DqnTrainingRecord run(List<Long> seeds) {
        Hash before = weightsHash();
        long startIteration = iterations;
        for (long s : seeds) {
            gradientStep(s);
        }
        return new DqnTrainingRecord(before, weightsHash(), target.toModel().hash(), startIteration, seeds);
    }

    private void gradientStep(long seed) {
        int b = hp.batchSize();
        int actions = online.outputSize();
        replay.sample(seed, b, batch);
        float[] qNext = target.forward(pool, batch.nexts(), b);
        TdMath.targets(qNext, actions, batch.rewards(), batch.terminals(), hp.gamma(), b, targets);
        float[] q = online.forward(pool, batch.states(), b);
        TdMath.outputGradient(q, actions, batch.actions(), targets, b, hp.loss(), online.outputGradient());
        online.backward(pool, b);
        iterations++;
        hp.optimizer().step(iterations, online.parameters(), online.gradients(), optimizerState);
        if (iterations % hp.targetPeriod() == 0) {
            System.arraycopy(online.parameters(), 0, target.parameters(), 0, online.parameters().length);
        }
    }

    /** The TD loss of the batch {@code seed} samples, without training (monitoring and tests). */
    public double tdLoss(long seed, ReplayBuffer.Batch scratch) {
        int b = hp.batchSize();
        int actions = online.outputSize();
        replay.sample(seed, b, scratch);
        float[] y = new float[b];
        TdMath.targets(
                target.forward(pool, scratch.nexts(), b),
                actions,
                scratch.rewards(),
                scratch.terminals(),
                hp.gamma(),
                b,
                y);
        return TdMath.loss(online.forward(pool, scratch.states(), b), actions, scratch.actions(), y, b, hp.loss());
    }

    static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[off + j] > v[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
