package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Rekey;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.pole.WorkChallenge;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.DecodedCiphertexts;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductOutOfBoundException;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.CheckpointedRun;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The miner of one node (PROTOCOL.md 3.3-3.4): on every new tip it works out the round; for a
 * learning round it trains on the task's training blob (from a seed or the re-keyed last winner),
 * commits when the task's minimum training accuracy is reached, and on the reveal evaluates on the
 * shard and sends its candidate; for an idle round it seals a hash-work block after a seeded delay;
 * when the requester stays silent past the maximum phase it seals the forfeit block. Owns no
 * thread and reads no clock: work runs on the {@link Scheduler}, messages go to the {@link GossipNetwork}.
 * Training runs in chunks of {@code trainChunkSteps} steps, one scheduler task each, so a node's
 * single worker handles messages in between. {@link #setActive} stops and restarts it; {@link #status()}
 * may be read from any thread.
 *
 * <p>The decisions a departure from the protocol would change are its {@link MinerStrategy}'s (a node's
 * miner runs {@link MinerStrategy#honest()}; the simulation's adversaries are strategies of module
 * learnchain-sim); what a strategy may do through the miner is {@link MinerActions}.
 */
public final class MinerRole {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MinerRole.class);
    /** How often a miner without the task's training set looks again (it is being fetched). */
    private static final long NO_DATA_RETRY_MILLIS = 1_000;
    /** Samples of a private round decrypted per scheduler task (about a second of work on one core). */
    private static final int DECRYPT_CHUNK = 256;

    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final GossipNetwork network;
    private final Scheduler scheduler;
    private final Consumer<PoleEvent> events;
    private final ComputePool pool;
    private final MinerPlan plan;
    private final MinerStrategy strategy;
    private final MinerActions actions = new Actions();
    private final SplitMix64 rng;
    private final CpuMeter cpu;
    private final long trainChunkSteps;
    private final long minIdleIntervalMillis;
    private long epoch;
    private boolean active = true;
    private volatile MinerStatus status = MinerStatus.stopped();
    private CandidateBlockBuilder.Committed committed;
    private Model model;
    private MinedWork work;
    private Dataset trainedOn;
    private Round.Learning learning;
    private RoundKeySource roundKeys = (taskId, previous) -> Optional.empty();
    /** A private task's ciphertexts, decoded as they are first read and kept for its later rounds. */
    private DecodedCiphertexts decoded;

    private Hash decodedFor;
    /** The last private round's decrypted training set (before the label permutation), by its cache key. */
    private Hash featuresKey;

    private Dataset features;
    private BoundedDiscreteLog discreteLog;

    /** Where a private round's keys come from: the node's checked releases (PROTOCOL.md 3.9). */
    @FunctionalInterface
    interface RoundKeySource {
        Optional<RoundKeyRelease> release(long taskId, Hash previous);
    }

    public MinerRole(
            String name,
            KeyPair key,
            ChainService chain,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<PoleEvent> events,
            ComputePool pool,
            MinerPlan plan,
            MinerStrategy strategy,
            long seed,
            CpuMeter cpu) {
        this(name, key, chain, network, scheduler, events, pool, plan, strategy, seed, cpu, Long.MAX_VALUE, 0);
    }

    /**
     * As above, training {@code trainChunkSteps} steps per scheduler task (>= 1), and sealing an
     * idle block no sooner than {@code minIdleIntervalMillis} after the tip's timestamp (a dev
     * chain's block time; 0 = only the plan's random delay).
     */
    public MinerRole(
            String name,
            KeyPair key,
            ChainService chain,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<PoleEvent> events,
            ComputePool pool,
            MinerPlan plan,
            MinerStrategy strategy,
            long seed,
            CpuMeter cpu,
            long trainChunkSteps,
            long minIdleIntervalMillis) {
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
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.rng = new SplitMix64(seed);
        this.cpu = cpu;
    }

    public KeyPair key() {
        return key;
    }

    /** The pole node hands its miner the private rounds' key releases it has checked. */
    void takeKeysFrom(RoundKeySource source) {
        this.roundKeys = Objects.requireNonNull(source, "source");
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
            clearRound();
            status = MinerStatus.stopped();
        }
    }

    /** The tip changed: drop the old round's work and start on the new one. */
    public void onTip() {
        long my = ++epoch;
        clearRound();
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
            case Round.Learning l -> {
                learning = l;
                status = new MinerStatus(
                        MinerStatus.Phase.TRAINING, l.taskId(), l.previous(), 0, plan.steps(), 0, 0, null);
                strategy.roundStarted(l, actions);
                scheduler.after(0, () -> train(my, l));
                long forfeitAt = l.forfeitNotBefore() * 1000 - scheduler.nowMillis();
                scheduler.after(Math.max(0, forfeitAt) + idleDelay(), () -> sealForfeit(my, l));
            }
        }
    }

    private void clearRound() {
        committed = null;
        model = null;
        work = null;
        trainedOn = null;
        learning = null;
        strategy.roundDropped();
    }

    /** Lifelong transactions in this miner's blocks read their blobs from the node's store. */
    private LifelongEnv lifelong() {
        return new LifelongEnv(chain.blobs(), pool);
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
        Optional<Block> block = BlockAssembler.mine(
                tip,
                chain.mempool().select(tip.state(), 1_000),
                key,
                Math.max(tip.timestamp(), scheduler.nowSeconds()),
                chain.rules(),
                50_000_000,
                lifelong());
        double seconds = (cpu.nanos() - start) / 1e9;
        block.ifPresent(b -> {
            events.accept(new PoleEvent.Sealed(name, b.hash(), false, seconds));
            chain.importBlock(b);
            network.broadcast(new GossipMessage.BlockMsg(b));
        });
    }

    private void sealForfeit(long my, Round.Learning round) {
        if (!current(my)) {
            return;
        }
        ChainTip tip = chain.head().tip();
        long start = cpu.nanos();
        Optional<Block> block = CandidateBlockBuilder.forfeit(
                tip,
                chain.rules(),
                round,
                key,
                chain.mempool().select(tip.state(), 1_000),
                Math.max(round.forfeitNotBefore(), scheduler.nowSeconds()),
                chain.signatureVerifier(),
                50_000_000,
                lifelong());
        double seconds = (cpu.nanos() - start) / 1e9;
        block.ifPresent(b -> {
            events.accept(new PoleEvent.Sealed(name, b.hash(), true, seconds));
            chain.importBlock(b);
            network.broadcast(new GossipMessage.BlockMsg(b));
        });
    }

    private void train(long my, Round.Learning round) {
        if (!current(my) || !strategy.trains(round, actions)) {
            return;
        }
        TaskState task = round.task();
        long startedAt = scheduler.nowMillis();
        if (task.terms().isPrivate()) {
            privateTrainingSet(my, round, startedAt);
            return;
        }
        Optional<Dataset> data = chain.blobs().dataset(task.terms().trainingSet());
        if (data.isEmpty()) {
            // the training set is not here yet (the peer layer fetches a new task's data): look again
            status = status.with(MinerStatus.Phase.NO_DATA);
            scheduler.after(NO_DATA_RETRY_MILLIS, () -> train(my, round));
            return;
        }
        startTraining(my, round, data.get(), startedAt);
    }

    /**
     * A private round (PROTOCOL.md 3.9): once the encrypted training set and the round's checked key
     * release are here, its k features a sample are decrypted in chunks of {@link #DECRYPT_CHUNK}
     * samples, one scheduler task each, then trained on as a clear task's data. The result goes into
     * the node's data set cache, so its verifier judges the round's candidates without decrypting
     * again. Without keys the miner waits; the round forfeits if they never come.
     */
    private void privateTrainingSet(long my, Round.Learning round, long startedAt) {
        PostTask terms = round.task().terms();
        ProjectionSpec spec = terms.privacy().orElseThrow();
        Hash key = RoundFeatures.cacheKey(terms.trainingSet(), round.roundKey());
        if (key.equals(featuresKey)) {
            startTraining(my, round, features, startedAt);
            return;
        }
        if (decoded == null || !terms.trainingSet().equals(decodedFor)) {
            Optional<byte[]> blob = chain.blobs().get(terms.trainingSet());
            if (blob.isEmpty()) {
                status = status.with(MinerStatus.Phase.NO_DATA);
                scheduler.after(NO_DATA_RETRY_MILLIS, () -> train(my, round));
                return;
            }
            try {
                decoded = DecodedCiphertexts.lazy(EncryptedDataset.decode(blob.get()));
                decodedFor = terms.trainingSet();
            } catch (CodecException | IllegalArgumentException e) {
                status = status.with(MinerStatus.Phase.NO_DATA);
                LOG.warn(
                        "{}: task {}'s training set {} is not an encrypted data set ({}): sitting its rounds out",
                        name,
                        round.taskId(),
                        terms.trainingSet().shortHex(),
                        e.getMessage());
                return;
            }
        }
        Optional<RoundKeyRelease> release = roundKeys.release(round.taskId(), round.previous());
        if (release.isEmpty()) {
            status = status.with(MinerStatus.Phase.NO_KEYS);
            scheduler.after(NO_DATA_RETRY_MILLIS, () -> train(my, round));
            return;
        }
        if (discreteLog == null || discreteLog.bound() < spec.bound()) {
            discreteLog = BoundedDiscreteLog.forBound(spec.bound());
        }
        float[] out = new float[decoded.data().count() * spec.width()];
        decryptChunk(my, round, release.get().keys(), spec.weights(round.roundKey()), out, 0, startedAt);
    }

    private void decryptChunk(
            long my,
            Round.Learning round,
            List<FunctionalKey> keys,
            int[][] rows,
            float[] out,
            int from,
            long startedAt) {
        if (!current(my)) {
            return;
        }
        ProjectionSpec spec = round.task().terms().privacy().orElseThrow();
        int count = decoded.data().count();
        int to = Math.min(count, from + DECRYPT_CHUNK);
        try {
            RoundFeatures.decryptRange(decoded::ciphertext, spec, rows, keys, discreteLog, from, to, out, pool);
        } catch (InnerProductOutOfBoundException | IllegalArgumentException e) {
            status = status.with(MinerStatus.Phase.NO_DATA);
            LOG.warn(
                    "{}: task {}'s encrypted training set does not decrypt ({}): sitting its rounds out",
                    name,
                    round.taskId(),
                    e.getMessage());
            return;
        }
        status = new MinerStatus(MinerStatus.Phase.DECRYPTING, round.taskId(), round.previous(), to, count, 0, 0, null);
        if (to < count) {
            scheduler.after(0, () -> decryptChunk(my, round, keys, rows, out, to, startedAt));
            return;
        }
        Hash key = RoundFeatures.cacheKey(round.task().terms().trainingSet(), round.roundKey());
        Dataset done = RoundFeatures.dataset(
                decoded.data(),
                spec,
                "task " + round.taskId() + " round on " + round.previous().shortHex(),
                out);
        featuresKey = key;
        features = chain.blobs().derived(key, () -> done);
        LOG.debug(
                "{}: task {} round on {}: {} samples decrypted in {} ms",
                name,
                round.taskId(),
                round.previous().shortHex(),
                count,
                scheduler.nowMillis() - startedAt);
        startTraining(my, round, features, startedAt);
    }

    private void startTraining(long my, Round.Learning round, Dataset data, long startedAt) {
        TaskState task = round.task();
        Optional<SecureMappingLayer> premined = strategy.trainsUnder(round);
        ModelSpec spec = ModelSpec.parse(task.terms().modelSpec());
        Dataset train = premined.orElse(round.sml()).relabel(data);
        long nonce = rng.nextLong();
        Optional<Model> parent =
                plan.continueFromWinner() && premined.isEmpty() ? rekeyedWinner(round, spec) : Optional.empty();
        TrainingStart start = parent.<TrainingStart>map(m -> new TrainingStart.FromParent(m.hash()))
                .orElse(seedStart(round, nonce));
        TrainingRecord record = record(start, round, nonce);
        long cpuStart = cpu.nanos();
        TrainingJob job = new TrainingJob(
                spec, record, train, InputTransform.IDENTITY, parent.orElse(null), TrainingListener.NONE);
        if (!strategy.runs(new MinerStrategy.PreparedTraining(round, job, parent, nonce, cpuStart), actions)) {
            return;
        }
        CheckpointedRun run = new CheckpointedRun(pool, job);
        Training t = new Training(round, run, record, train, nonce, strategy.stopAt(record), premined.isPresent());
        t.cpuSeconds = (cpu.nanos() - cpuStart) / 1e9;
        t.startedAt = startedAt;
        LOG.debug(
                "{}: task {} round on {}: training set ready after {} ms, {} steps to go",
                name,
                task.id(),
                round.previous().shortHex(),
                scheduler.nowMillis() - startedAt,
                plan.steps());
        trainChunk(my, t);
    }

    private void trainChunk(long my, Training t) {
        if (!current(my)) {
            return;
        }
        long cpuStart = cpu.nanos();
        try {
            t.run.advance(Math.min(trainChunkSteps, Math.max(1, t.stopAt - t.run.step())));
        } catch (IllegalArgumentException e) { // the parameters stopped being finite
            status = status.with(MinerStatus.Phase.BELOW_MINIMUM);
            LOG.warn(
                    "{}: training diverged at step {} of round {} ({}); no commitment this round: lower the learning"
                            + " rate (--learning-rate)",
                    name,
                    t.run.step(),
                    t.round.previous().shortHex(),
                    e.getMessage());
            return;
        }
        t.cpuSeconds += (cpu.nanos() - cpuStart) / 1e9;
        status = new MinerStatus(
                MinerStatus.Phase.TRAINING,
                t.round.taskId(),
                t.round.previous(),
                t.run.step(),
                t.run.totalSteps(),
                0,
                0,
                null);
        if (t.run.isDone() || t.run.step() >= t.stopAt) {
            finishTraining(my, t);
        } else {
            scheduler.after(0, () -> trainChunk(my, t));
        }
    }

    private void finishTraining(long my, Training t) {
        Round.Learning round = t.round;
        TaskState task = round.task();
        long cpuStart = cpu.nanos();
        MinedWork mined =
                strategy.committing(round, t.record, t.run.isDone() ? t.run.checkpoints() : t.run.checkpointsSoFar());
        Model trained = mined.model();
        mined.proof(); // hashes the checkpoints (cached): part of the work's cost
        // the training and its commitment (the accuracy estimate below is the miner's own check)
        double seconds = t.cpuSeconds + (cpu.nanos() - cpuStart) / 1e9;
        // the chain reads training accuracy on a sample of its choosing; one of the same size decides
        // whether to commit
        Dataset estimate = WorkChallenge.sample(
                Hash.sha256(round.previous().unsafeArray()), t.data, WorkChallenge.ACCURACY_SAMPLE);
        int correct = new Evaluator(pool).correctCount(trained, estimate);
        status = new MinerStatus(
                MinerStatus.Phase.TRAINING,
                task.id(),
                round.previous(),
                t.run.step(),
                t.run.totalSteps(),
                correct,
                estimate.count(),
                null);
        LOG.debug(
                "{}: task {} trained {} steps in {} ms since the round began ({} s CPU), training accuracy {}/{}",
                name,
                task.id(),
                plan.steps(),
                scheduler.nowMillis() - t.startedAt,
                String.format("%.1f", seconds),
                correct,
                estimate.count());
        events.accept(new PoleEvent.Trained(
                name, round.previous(), task.id(), plan.steps(), correct, estimate.count(), seconds));
        trainedOn = t.data;
        if (!t.premined
                && !TaskRules.meetsAccuracy(
                        correct, estimate.count(), task.terms().minTrainingAccuracyBp())) {
            status = status.with(MinerStatus.Phase.BELOW_MINIMUM);
            events.accept(new PoleEvent.BelowMinimum(name, round.previous(), correct, estimate.count()));
            return;
        }
        if (strategy.holdsBack(new MinerStrategy.Trained(round, trained, t.record, t.nonce, mined), actions)) {
            return;
        }
        Model done = trained;
        MinedWork doneWork = mined;
        scheduler.after(
                plan.steps() * plan.stepMillis(),
                () -> commit(my, round, done.hash(), done, t.record, doneWork, t.nonce));
    }

    /** A training run in progress for one round. */
    private static final class Training {
        final Round.Learning round;
        final CheckpointedRun run;
        final TrainingRecord record;
        final Dataset data;
        final long nonce;
        /** The step training stops at: the record's end, or where the strategy stops. */
        final long stopAt;
        /** Trained under another parent's mapping layer: committed without the accuracy check. */
        final boolean premined;

        double cpuSeconds;
        long startedAt;

        Training(
                Round.Learning round,
                CheckpointedRun run,
                TrainingRecord record,
                Dataset data,
                long nonce,
                long stopAt,
                boolean premined) {
            this.round = round;
            this.run = run;
            this.record = record;
            this.data = data;
            this.nonce = nonce;
            this.stopAt = stopAt;
            this.premined = premined;
        }
    }

    private Optional<Model> rekeyedWinner(Round.Learning round, ModelSpec spec) {
        TaskState task = round.task();
        if (task.winners().isEmpty()) {
            return Optional.empty();
        }
        return chain.blobs()
                .get(task.winners().getLast())
                .map(Model::fromCanonicalBytes)
                .filter(m -> m.spec().equals(spec) && Rekey.supports(m))
                .map(m -> Rekey.rekey(
                        m,
                        new SecureMappingLayer(task.lastRoundKey(), round.sml().classes()),
                        round.sml()));
    }

    /** Signs and sends the commitment to {@code modelHash} ({@code trained} is null while a copier lacks the weights). */
    private void commit(
            long my,
            Round.Learning round,
            Hash modelHash,
            Model trained,
            TrainingRecord record,
            MinedWork mined,
            long nonce) {
        if (!current(my)) {
            return;
        }
        ChainTip tip = chain.head().tip();
        CandidateBlockBuilder.Committed c = CandidateBlockBuilder.commit(
                tip,
                chain.rules(),
                round,
                key,
                chain.mempool().select(tip.state(), 1_000),
                modelHash,
                record,
                mined.proof(),
                nonce,
                chain.signatureVerifier(),
                lifelong());
        committed = c;
        model = trained;
        work = mined;
        MinerStatus now = status;
        status = new MinerStatus(
                MinerStatus.Phase.COMMITTED,
                round.taskId(),
                round.previous(),
                now.step(),
                now.steps(),
                now.trainCorrect(),
                now.trainCount(),
                modelHash);
        chain.recordCommitment(c.commitment(), c.signature());
        events.accept(new PoleEvent.Committed(name, round.previous(), modelHash));
        network.broadcast(new GossipMessage.CommitmentMsg(c.commitment(), c.signature()));
    }

    /**
     * The round's shard was revealed: if this miner committed on that parent, return the candidates
     * its strategy sends (also to itself); the protocol's: the model evaluated on the shard through
     * the round's mapping layer, one candidate with the true score.
     */
    public List<GossipMessage.Candidate> onReveal(GossipMessage.ShardReveal reveal, Dataset clearShard) {
        Dataset shard = modelInputs(reveal, clearShard);
        strategy.revealed(reveal, shard, actions);
        CandidateBlockBuilder.Committed c = committed;
        if (c == null || !c.parent().hash().equals(reveal.reveal().previous())) {
            return List.of();
        }
        return strategy.candidates(c, reveal, shard, actions);
    }

    /**
     * The shard as the round's model reads it: a private task's shard (in the clear) projected
     * through the round's rows, as every verifier projects it; a clear task's as it is.
     */
    private Dataset modelInputs(GossipMessage.ShardReveal reveal, Dataset shard) {
        Round.Learning round = learning;
        if (round == null
                || !round.previous().equals(reveal.reveal().previous())
                || round.task().terms().privacy().isEmpty()) {
            return shard;
        }
        ProjectionSpec spec = round.task().terms().privacy().get();
        if (shard.sampleSize() != spec.input().inputSize()) {
            return shard; // not the task's kind of data: its candidates fail BAD_TASK_DATA everywhere
        }
        return spec.project(shard, spec.weights(round.roundKey()));
    }

    /** The protocol's candidates: the checks the block must pass, then the model's true score. */
    private List<GossipMessage.Candidate> checkedCandidates(
            CandidateBlockBuilder.Committed c, GossipMessage.ShardReveal reveal, Dataset shard) {
        committed = null;
        if (!reveal.reveal().lists(c.commitment().id())) {
            // the requester signed its reveal before this commitment reached it: the block would fail
            // NO_COMMITMENT everywhere, so say why this round is lost instead of sending it
            status = status.with(MinerStatus.Phase.NOT_LISTED);
            LOG.warn(
                    "{}: the requester's reveal on {} lists {} commitments but not ours ({}): it reached the requester"
                            + " after it revealed; no candidate this round (it would fail NO_COMMITMENT)",
                    name,
                    c.round().previous().shortHex(),
                    reveal.reveal().witnessed().size(),
                    c.commitment().id().shortHex());
            return List.of();
        }
        Evaluator evaluator = new Evaluator(pool);
        if (trainedOn != null) {
            // the chain reads training accuracy on a sample chosen by the reveal: check it before sending
            Dataset sample = WorkChallenge.accuracySample(c.challengeSeed(reveal.revealTx()), trainedOn);
            int correct = evaluator.correctCount(model, sample);
            if (!TaskRules.meetsAccuracy(
                    correct, sample.count(), c.round().task().terms().minTrainingAccuracyBp())) {
                status = status.with(MinerStatus.Phase.BELOW_MINIMUM);
                events.accept(new PoleEvent.BelowMinimum(name, c.round().previous(), correct, sample.count()));
                return List.of();
            }
        }
        int score = evaluator.correctCount(model, c.round().sml().relabel(shard));
        return List.of(candidate(c, reveal.revealTx(), score, model.canonicalBytes(), work));
    }

    /** Another miner's commitment arrived (its strategy may answer it). */
    public void onPeerCommitment(Commitment seen) {
        strategy.peerCommitted(seen, actions);
    }

    /** Another miner's candidate arrived: the candidates this miner's strategy sends in answer. */
    public List<GossipMessage.Candidate> onPeerCandidate(GossipMessage.Candidate seen) {
        return strategy.peerCandidate(seen, actions);
    }

    private TrainingStart seedStart(Round.Learning round, long nonce) {
        return new TrainingStart.FromSeed(TaskRules.initSeed(round.previous(), key.publicKey(), nonce));
    }

    /** The model a seed-start record begins with. */
    private static Model initial(Round.Learning round, TrainingRecord rec) {
        return Initializer.initialize(
                ModelSpec.parse(round.task().terms().modelSpec()), ((TrainingStart.FromSeed) rec.start()).seed());
    }

    private GossipMessage.Candidate candidate(
            CandidateBlockBuilder.Committed c,
            SignedTransaction revealTx,
            long claim,
            byte[] modelBytes,
            MinedWork work) {
        long timestamp = Math.max(c.parent().timestamp(), scheduler.nowSeconds());
        List<byte[]> openings = work.openings(c.challengedSegments(revealTx));
        GossipMessage.Candidate out = new GossipMessage.Candidate(
                c.complete(
                        revealTx,
                        claim,
                        openings.stream().map(Hash::sha256).toList(),
                        timestamp,
                        key,
                        chain.rules(),
                        chain.signatureVerifier(),
                        lifelong()),
                modelBytes,
                openings);
        status = status.with(MinerStatus.Phase.CANDIDATE_SENT);
        events.accept(
                new PoleEvent.CandidateSent(name, c.parent().hash(), out.block().hash(), claim));
        return out;
    }

    private TrainingRecord record(TrainingStart start, Round.Learning round, long nonce) {
        return new TrainingRecord(
                start,
                Optimizer.Adam.of(plan.learningRate()),
                plan.batch(),
                plan.steps(),
                TaskRules.dataOrderSeed(round.previous(), key.publicKey(), nonce));
    }

    /** The last committed model's hash (tests). */
    Optional<Hash> committedModel() {
        return Optional.ofNullable(committed).map(c -> c.commitment().modelHash());
    }

    /** What the strategy may do through this miner. */
    private final class Actions implements MinerActions {
        @Override
        public String name() {
            return name;
        }

        @Override
        public KeyPair key() {
            return key;
        }

        @Override
        public ChainService chain() {
            return chain;
        }

        @Override
        public GossipNetwork network() {
            return network;
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public ComputePool pool() {
            return pool;
        }

        @Override
        public CpuMeter cpu() {
            return cpu;
        }

        @Override
        public MinerPlan plan() {
            return plan;
        }

        @Override
        public SplitMix64 rng() {
            return rng;
        }

        @Override
        public void emit(PoleEvent event) {
            events.accept(event);
        }

        @Override
        public long epoch() {
            return epoch;
        }

        @Override
        public Optional<Round.Learning> round() {
            return Optional.ofNullable(learning);
        }

        @Override
        public Optional<CandidateBlockBuilder.Committed> committed() {
            return Optional.ofNullable(committed);
        }

        @Override
        public void releaseCommitment() {
            committed = null;
        }

        @Override
        public void commit(
                long epoch,
                Round.Learning round,
                Hash modelHash,
                Model model,
                TrainingRecord record,
                MinedWork work,
                long nonce) {
            MinerRole.this.commit(epoch, round, modelHash, model, record, work, nonce);
        }

        @Override
        public List<GossipMessage.Candidate> checkedCandidates(
                CandidateBlockBuilder.Committed c, GossipMessage.ShardReveal reveal, Dataset shard) {
            return MinerRole.this.checkedCandidates(c, reveal, shard);
        }

        @Override
        public int shardScore(CandidateBlockBuilder.Committed c, Dataset shard) {
            return new Evaluator(pool).correctCount(model, c.round().sml().relabel(shard));
        }

        @Override
        public byte[] modelBytes() {
            return model.canonicalBytes();
        }

        @Override
        public GossipMessage.Candidate candidate(
                CandidateBlockBuilder.Committed c, SignedTransaction revealTx, long claim, byte[] modelBytes) {
            return MinerRole.this.candidate(c, revealTx, claim, modelBytes, work);
        }

        @Override
        public GossipMessage.Candidate candidate(
                CandidateBlockBuilder.Committed c,
                SignedTransaction revealTx,
                long claim,
                byte[] modelBytes,
                MinedWork work) {
            return MinerRole.this.candidate(c, revealTx, claim, modelBytes, work);
        }

        @Override
        public TrainingRecord record(TrainingStart start, Round.Learning round, long nonce) {
            return MinerRole.this.record(start, round, nonce);
        }

        @Override
        public TrainingStart seedStart(Round.Learning round, long nonce) {
            return MinerRole.this.seedStart(round, nonce);
        }

        @Override
        public Model initial(Round.Learning round, TrainingRecord seedRecord) {
            return MinerRole.initial(round, seedRecord);
        }

        @Override
        public Optional<Model> rekeyedWinner(Round.Learning round, ModelSpec spec) {
            return MinerRole.this.rekeyedWinner(round, spec);
        }

        @Override
        public Optional<Dataset> trainingSet(Round.Learning round) {
            PostTask terms = round.task().terms();
            if (!terms.isPrivate()) {
                return chain.blobs().dataset(terms.trainingSet());
            }
            Hash key = RoundFeatures.cacheKey(terms.trainingSet(), round.roundKey());
            return key.equals(featuresKey) ? Optional.of(features) : Optional.empty();
        }

        @Override
        public LifelongEnv lifelong() {
            return MinerRole.this.lifelong();
        }
    }
}
