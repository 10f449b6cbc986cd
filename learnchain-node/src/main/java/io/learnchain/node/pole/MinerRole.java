package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.Rekey;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.SecureMappingLayer;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.validation.BlockAssembler;
import io.learnchain.chain.validation.ChainTip;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingRun;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.chain.ChainService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The miner of one node (PROTOCOL.md 3.3-3.4): on every new tip it works out the round; for a
 * learning round it trains on the task's training blob (from a seed or the re-keyed last winner),
 * commits when the task's minimum training accuracy is reached, and on the reveal evaluates on the
 * shard and sends its candidate; for an idle round it seals a hash-work block after a seeded delay;
 * when the requester stays silent past the maximum phase it seals the forfeit block. Owns no
 * thread and reads no clock: work runs on the {@link Scheduler}, messages go to the {@link Network}.
 * Training runs in chunks of {@code trainChunkSteps} steps, one scheduler task each, so a node's
 * single worker handles messages in between. {@link #setActive} stops and restarts it; {@link #status()}
 * may be read from any thread.
 */
public final class MinerRole {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MinerRole.class);
    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final Network network;
    private final Scheduler scheduler;
    private final Consumer<PoleEvent> events;
    private final ComputePool pool;
    private final MinerPlan plan;
    private final SplitMix64 rng;
    private final CpuMeter cpu;
    private final long trainChunkSteps;
    private final long minIdleIntervalMillis;
    private long epoch;
    private boolean active = true;
    private volatile MinerStatus status = MinerStatus.stopped();
    private CandidateBlockBuilder.Committed committed;
    private Model model;

    public MinerRole(String name, KeyPair key, ChainService chain, Network network, Scheduler scheduler,
            Consumer<PoleEvent> events, ComputePool pool, MinerPlan plan, long seed, CpuMeter cpu) {
        this(name, key, chain, network, scheduler, events, pool, plan, seed, cpu, Long.MAX_VALUE, 0);
    }

    /**
     * As above, training {@code trainChunkSteps} steps per scheduler task (>= 1), and sealing an
     * idle block no sooner than {@code minIdleIntervalMillis} after the tip's timestamp (a dev
     * chain's block time; 0 = only the plan's random delay).
     */
    public MinerRole(String name, KeyPair key, ChainService chain, Network network, Scheduler scheduler,
            Consumer<PoleEvent> events, ComputePool pool, MinerPlan plan, long seed, CpuMeter cpu,
            long trainChunkSteps, long minIdleIntervalMillis) {
        if (trainChunkSteps < 1 || minIdleIntervalMillis < 0) {
            throw new IllegalArgumentException("a training chunk is at least 1 step and the idle interval >= 0, got "
                    + trainChunkSteps + " and " + minIdleIntervalMillis);
        }
        this.trainChunkSteps = trainChunkSteps;
        this.minIdleIntervalMillis = minIdleIntervalMillis;
        this.name = name;
        this.key = key;
        this.chain = chain;
        this.network = network;
        this.scheduler = scheduler;
        this.events = events;
        this.pool = pool;
        this.plan = plan;
        this.rng = new SplitMix64(seed);
        this.cpu = cpu;
    }

    public KeyPair key() {
        return key;
    }

    /** What the miner is doing now (any thread). */
    public MinerStatus status() {
        return status;
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Stops ({@code false}: the current round's work is dropped, nothing more is sealed, trained or
     * committed) or restarts ({@code true}: work starts on the current tip). Call on the scheduler.
     */
    public void setActive(boolean on) {
        if (on == active) {
            return;
        }
        active = on;
        if (on) {
            onTip();
        } else {
            epoch++;
            committed = null;
            model = null;
            status = MinerStatus.stopped();
        }
    }

    /** The tip changed: drop the old round's work and start on the new one. */
    public void onTip() {
        long my = ++epoch;
        committed = null;
        model = null;
        if (!active) {
            return;
        }
        ChainTip tip = chain.head().tip();
        switch (RoundDriver.round(tip, chain.rules())) {
            case Round.Idle idle -> {
                status = new MinerStatus(MinerStatus.Phase.IDLE, 0, chain.head().hash(), 0, 0, 0, 0, null);
                long paced = tip.timestamp() * 1000 + minIdleIntervalMillis - scheduler.nowMillis();
                scheduler.after(Math.max(idleDelay(), paced), () -> sealIdle(my));
            }
            case Round.Learning learning -> {
                status = new MinerStatus(MinerStatus.Phase.TRAINING, learning.taskId(), learning.previous(), 0,
                        plan.steps(), 0, 0, null);
                scheduler.after(0, () -> train(my, learning));
                long forfeitAt = learning.forfeitNotBefore() * 1000 - scheduler.nowMillis();
                scheduler.after(Math.max(0, forfeitAt) + idleDelay(), () -> sealForfeit(my, learning));
            }
        }
    }

    private long idleDelay() {
        double u = rng.nextDouble();
        return 1 + (long) (-StrictMath.log(1 - u) * plan.idleMeanMillis());
    }

    private boolean current(long my) {
        return my == epoch;
    }

    private void sealIdle(long my) {
        if (!current(my)) {
            return;
        }
        ChainTip tip = chain.head().tip();
        long start = cpu.nanos();
        Optional<Block> block = BlockAssembler.mine(tip, chain.mempool().select(tip.state(), 1_000), key,
                Math.max(tip.timestamp(), scheduler.nowSeconds()), chain.rules(), 50_000_000);
        double seconds = (cpu.nanos() - start) / 1e9;
        block.ifPresent(b -> {
            events.accept(new PoleEvent.Sealed(name, b.hash(), false, seconds));
            chain.importBlock(b);
            network.broadcast(new PoleMessage.BlockMsg(b));
        });
    }

    private void sealForfeit(long my, Round.Learning round) {
        if (!current(my)) {
            return;
        }
        ChainTip tip = chain.head().tip();
        long start = cpu.nanos();
        Optional<Block> block = CandidateBlockBuilder.forfeit(tip, chain.rules(), round, key,
                chain.mempool().select(tip.state(), 1_000), Math.max(round.forfeitNotBefore(), scheduler.nowSeconds()),
                chain.signatureVerifier(), 50_000_000);
        double seconds = (cpu.nanos() - start) / 1e9;
        block.ifPresent(b -> {
            events.accept(new PoleEvent.Sealed(name, b.hash(), true, seconds));
            chain.importBlock(b);
            network.broadcast(new PoleMessage.BlockMsg(b));
        });
    }

    /** A training run in progress for one round. */
    private static final class Training {
        final Round.Learning round;
        final TrainingRun run;
        final TrainingRecord record;
        final Dataset data;
        final long nonce;
        double cpuSeconds;
        long startedAt;

        Training(Round.Learning round, TrainingRun run, TrainingRecord record, Dataset data, long nonce) {
            this.round = round;
            this.run = run;
            this.record = record;
            this.data = data;
            this.nonce = nonce;
        }
    }

    private void train(long my, Round.Learning round) {
        if (!current(my)) {
            return;
        }
        TaskState task = round.task();
        long startedAt = scheduler.nowMillis();
        Optional<Dataset> data = chain.blobs().dataset(task.terms().trainingSet());
        if (data.isEmpty()) {
            status = status.with(MinerStatus.Phase.NO_DATA);
            return; // the training blob is not here: this miner sits the round out
        }
        ModelSpec spec = ModelSpec.parse(task.terms().modelSpec());
        SecureMappingLayer layer = plan.premined() ? new SecureMappingLayer(TaskRules.roundKey(
                Hash.sha256(round.previous().unsafeArray()), task.id()), round.sml().classes()) : round.sml();
        Dataset train = layer.relabel(data.get());
        long nonce = rng.nextLong();
        Optional<Model> parent = plan.continueFromWinner() && !plan.premined() ? rekeyedWinner(round, spec)
                : Optional.empty();
        TrainingStart start = parent.<TrainingStart>map(m -> new TrainingStart.FromParent(m.hash()))
                .orElse(new TrainingStart.FromSeed(nonce));
        TrainingRecord record = new TrainingRecord(start, Optimizer.Adam.of(plan.learningRate()), plan.batch(),
                plan.steps(), TaskRules.dataOrderSeed(round.previous(), key.publicKey(), nonce));
        long cpuStart = cpu.nanos();
        TrainingRun run = new TrainingRun(pool, new TrainingJob(spec, record, train, InputTransform.IDENTITY,
                parent.orElse(null), TrainingListener.NONE));
        Training t = new Training(round, run, record, train, nonce);
        t.cpuSeconds = (cpu.nanos() - cpuStart) / 1e9;
        t.startedAt = startedAt;
        LOG.debug("{}: task {} round on {}: training set ready after {} ms, {} steps to go", name, task.id(),
                round.previous().shortHex(), scheduler.nowMillis() - startedAt, plan.steps());
        trainChunk(my, t);
    }

    private void trainChunk(long my, Training t) {
        if (!current(my)) {
            return;
        }
        long cpuStart = cpu.nanos();
        t.run.advance(trainChunkSteps);
        t.cpuSeconds += (cpu.nanos() - cpuStart) / 1e9;
        status = new MinerStatus(MinerStatus.Phase.TRAINING, t.round.taskId(), t.round.previous(), t.run.step(),
                t.run.totalSteps(), 0, 0, null);
        if (t.run.isDone()) {
            finishTraining(my, t);
        } else {
            scheduler.after(0, () -> trainChunk(my, t));
        }
    }

    private void finishTraining(long my, Training t) {
        Round.Learning round = t.round;
        TaskState task = round.task();
        long cpuStart = cpu.nanos();
        Model trained = t.run.model();
        int correct = new Evaluator(pool).correctCount(trained, t.data);
        double seconds = t.cpuSeconds + (cpu.nanos() - cpuStart) / 1e9;
        status = new MinerStatus(MinerStatus.Phase.TRAINING, task.id(), round.previous(), t.run.step(),
                t.run.totalSteps(), correct, t.data.count(), null);
        LOG.debug("{}: task {} trained {} steps in {} ms since the round began ({} s CPU), training accuracy {}/{}",
                name, task.id(), plan.steps(), scheduler.nowMillis() - t.startedAt, String.format("%.1f", seconds),
                correct, t.data.count());
        events.accept(new PoleEvent.Trained(name, round.previous(), task.id(), plan.steps(), correct,
                t.data.count(), seconds));
        if (!plan.premined() && !TaskRules.meetsAccuracy(correct, t.data.count(),
                task.terms().minTrainingAccuracyBp())) {
            status = status.with(MinerStatus.Phase.BELOW_MINIMUM);
            events.accept(new PoleEvent.BelowMinimum(name, round.previous(), correct, t.data.count()));
            return;
        }
        scheduler.after(plan.steps() * plan.stepMillis(), () -> commit(my, round, trained, t.record, t.nonce));
    }

    private Optional<Model> rekeyedWinner(Round.Learning round, ModelSpec spec) {
        TaskState task = round.task();
        if (task.winners().isEmpty()) {
            return Optional.empty();
        }
        return chain.blobs().get(task.winners().getLast()).map(Model::fromCanonicalBytes)
                .filter(m -> m.spec().equals(spec) && Rekey.supports(m))
                .map(m -> Rekey.rekey(m, new SecureMappingLayer(task.lastRoundKey(), round.sml().classes()),
                        round.sml()));
    }

    private void commit(long my, Round.Learning round, Model trained, TrainingRecord record, long nonce) {
        if (!current(my)) {
            return;
        }
        ChainTip tip = chain.head().tip();
        CandidateBlockBuilder.Committed c = CandidateBlockBuilder.commit(tip, chain.rules(), round, key,
                chain.mempool().select(tip.state(), 1_000), trained.hash(), record, nonce, chain.signatureVerifier());
        committed = c;
        model = trained;
        MinerStatus now = status;
        status = new MinerStatus(MinerStatus.Phase.COMMITTED, round.taskId(), round.previous(), now.step(),
                now.steps(), now.trainCorrect(), now.trainCount(), trained.hash());
        chain.recordCommitment(c.commitment(), c.signature());
        events.accept(new PoleEvent.Committed(name, round.previous(), trained.hash()));
        network.broadcast(new PoleMessage.CommitmentMsg(c.commitment(), c.signature()));
    }

    /**
     * The round's shard was revealed: if this miner committed on that parent, evaluate the model on
     * the shard through the round's mapping layer and return the candidate to send (also to itself).
     * A miner planned with {@link MinerPlan#falseClaims()} > 0 (the false-claims adversary) instead
     * sends that many candidates claiming 1, 2, ... more than its model reaches.
     */
    public List<PoleMessage.Candidate> onReveal(PoleMessage.ShardReveal reveal, Dataset shard) {
        CandidateBlockBuilder.Committed c = committed;
        if (c == null || !c.parent().hash().equals(reveal.reveal().previous())) {
            return List.of();
        }
        committed = null;
        int score = new Evaluator(pool).correctCount(model, c.round().sml().relabel(shard));
        long timestamp = Math.max(c.parent().timestamp(), scheduler.nowSeconds());
        List<PoleMessage.Candidate> out = new ArrayList<>();
        byte[] modelBytes = model.canonicalBytes();
        if (plan.falseClaims() == 0) {
            out.add(new PoleMessage.Candidate(c.complete(reveal.revealTx(), score, timestamp, key, chain.rules(),
                    chain.signatureVerifier()), modelBytes));
        }
        for (int lie = 1; lie <= plan.falseClaims(); lie++) {
            out.add(new PoleMessage.Candidate(c.complete(reveal.revealTx(), score + lie, timestamp, key, chain.rules(),
                    chain.signatureVerifier()), modelBytes));
        }
        status = status.with(MinerStatus.Phase.CANDIDATE_SENT);
        for (PoleMessage.Candidate candidate : out) {
            events.accept(new PoleEvent.CandidateSent(name, c.parent().hash(), candidate.block().hash(),
                    ((io.learnchain.chain.block.PoleProof) candidate.block().header().proof()).claimedScore()));
        }
        return out;
    }

    /** The last committed model's hash (tests). */
    Optional<Hash> committedModel() {
        return Optional.ofNullable(committed).map(c -> c.commitment().modelHash());
    }

}
