package io.learnchain.node.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Rekey;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.pole.WorkChallenge;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
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
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.learn.train.WorkSegments;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.LongStream;

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
 */
public final class MinerRole {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MinerRole.class);
    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final GossipNetwork network;
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
    private MinedWork work;
    private Dataset trainedOn;
    private Round.Learning learning;
    private Held held;
    private GossipMessage.ShardReveal pendingReveal;
    private GossipMessage.Candidate copySource;
    /** The parent the sync-copy adversary last copied a candidate on (one copy a round). */
    private Hash copiedOn;

    private long staleClaim;

    public MinerRole(
            String name,
            KeyPair key,
            ChainService chain,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<PoleEvent> events,
            ComputePool pool,
            MinerPlan plan,
            long seed,
            CpuMeter cpu) {
        this(name, key, chain, network, scheduler, events, pool, plan, seed, cpu, Long.MAX_VALUE, 0);
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
                if (plan.behaviour() instanceof MinerBehaviour.ForgedReveal) {
                    scheduler.after(0, () -> forgeReveal(my, l));
                }
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
        held = null;
        pendingReveal = null;
        copySource = null;
        learning = null;
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
        if (!current(my)) {
            return;
        }
        MinerBehaviour b = plan.behaviour();
        if (b instanceof MinerBehaviour.CopyModel || b instanceof MinerBehaviour.SyncCopy) {
            return; // trains nothing: copies what another miner commits or sends (onPeerCommitment, onPeerCandidate)
        }
        if (b instanceof MinerBehaviour.StaleModel) {
            replayLastWinner(my, round);
            return;
        }
        if (b instanceof MinerBehaviour.LazyRekey || b instanceof MinerBehaviour.InstantCommit) {
            commitRekeyedWinner(my, round);
            return;
        }
        TaskState task = round.task();
        long startedAt = scheduler.nowMillis();
        Optional<Dataset> data = chain.blobs().dataset(task.terms().trainingSet());
        if (data.isEmpty()) {
            status = status.with(MinerStatus.Phase.NO_DATA);
            return; // the training blob is not here: this miner sits the round out
        }
        boolean premined = b instanceof MinerBehaviour.Premined || b instanceof MinerBehaviour.PreminedRekey;
        ModelSpec spec = ModelSpec.parse(task.terms().modelSpec());
        SecureMappingLayer layer = premined ? anotherParentsLayer(round) : round.sml();
        Dataset train = layer.relabel(data.get());
        long nonce = rng.nextLong();
        Optional<Model> parent = plan.continueFromWinner() && !premined ? rekeyedWinner(round, spec) : Optional.empty();
        TrainingStart start = parent.<TrainingStart>map(m -> new TrainingStart.FromParent(m.hash()))
                .orElse(new TrainingStart.FromSeed(TaskRules.initSeed(round.previous(), key.publicKey(), nonce)));
        TrainingRecord record = new TrainingRecord(
                start,
                Optimizer.Adam.of(plan.learningRate()),
                plan.batch(),
                plan.steps(),
                TaskRules.dataOrderSeed(round.previous(), key.publicKey(), nonce));
        long cpuStart = cpu.nanos();
        TrainingJob job = new TrainingJob(
                spec, record, train, InputTransform.IDENTITY, parent.orElse(null), TrainingListener.NONE);
        if (b instanceof MinerBehaviour.OneJump) {
            oneJump(my, round, job, parent, nonce, cpuStart);
            return;
        }
        CheckpointedRun run = new CheckpointedRun(pool, job);
        long stopAt = b instanceof MinerBehaviour.PartialWork pw
                ? WorkSegments.boundary(
                        record.steps(),
                        WorkSegments.count(record.steps()) - pw.fakeSegments(WorkSegments.count(record.steps())))
                : record.steps();
        Training t = new Training(round, run, record, train, nonce, stopAt);
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
        MinedWork mined = t.run.isDone()
                ? new MinedWork(t.record, t.run.checkpoints())
                : WorkForgery.claimRest(t.record, t.run.checkpointsSoFar()); // partial-work: claims the rest
        Model trained = mined.model();
        if (plan.behaviour() instanceof MinerBehaviour.PreminedRekey) {
            // trained for another parent: re-keyed to this round, claimed from this round's start
            trained = Rekey.rekey(trained, anotherParentsLayer(round), round.sml());
            mined = WorkForgery.none(t.record, mined.checkpoints().getFirst().model(), trained);
        }
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
        boolean premined = plan.behaviour() instanceof MinerBehaviour.Premined
                || plan.behaviour() instanceof MinerBehaviour.PreminedRekey;
        trainedOn = t.data;
        if (!premined
                && !TaskRules.meetsAccuracy(
                        correct, estimate.count(), task.terms().minTrainingAccuracyBp())) {
            status = status.with(MinerStatus.Phase.BELOW_MINIMUM);
            events.accept(new PoleEvent.BelowMinimum(name, round.previous(), correct, estimate.count()));
            return;
        }
        if (plan.behaviour() instanceof MinerBehaviour.LateCommit) {
            held = new Held(trained, t.record, t.nonce, mined); // committed only after the reveal (onReveal)
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
        /** The step training stops at: the record's end, or where a partial-work miner stops. */
        final long stopAt;

        double cpuSeconds;
        long startedAt;

        Training(
                Round.Learning round,
                CheckpointedRun run,
                TrainingRecord record,
                Dataset data,
                long nonce,
                long stopAt) {
            this.round = round;
            this.run = run;
            this.record = record;
            this.data = data;
            this.nonce = nonce;
            this.stopAt = stopAt;
        }
    }

    /**
     * The one-jump adversary: an honest run except one segment, chosen at random, at whose end the
     * parameters become the task's last winner re-keyed to this round (a strong model it did not
     * train; on a task's first round, a model it trained for another parent). One scheduler task.
     */
    private void oneJump(
            long my, Round.Learning round, TrainingJob job, Optional<Model> parent, long nonce, long cpuStart) {
        ModelSpec spec = job.spec();
        Optional<Model> substitute = rekeyedWinner(round, spec);
        if (substitute.isEmpty()) {
            SecureMappingLayer other = anotherParentsLayer(round);
            Dataset raw = other.relabel(
                    chain.blobs().dataset(round.task().terms().trainingSet()).orElseThrow());
            Model pre = new Trainer(pool).train(TrainingJob.of(spec, job.record(), raw));
            substitute = Optional.of(Rekey.supports(pre) ? Rekey.rekey(pre, other, round.sml()) : pre);
        }
        int segments = WorkSegments.count(job.record().steps());
        Model start = parent.orElseGet(() -> initial(round, job.record()));
        MinedWork mined = WorkForgery.oneJump(
                pool, spec, job.record(), job.data(), start, rng.nextInt(segments), substitute.get());
        events.accept(new PoleEvent.Trained(
                name,
                round.previous(),
                round.taskId(),
                job.record().steps(),
                new Evaluator(pool).correctCount(mined.model(), job.data()),
                job.data().count(),
                (cpu.nanos() - cpuStart) / 1e9));
        trainedOn = job.data();
        commit(my, round, mined.model().hash(), mined.model(), job.record(), mined, nonce);
    }

    /**
     * The mapping layer of another parent (the pre-mining adversaries): what a model prepared before
     * this round's parent existed was trained under.
     */
    private static SecureMappingLayer anotherParentsLayer(Round.Learning round) {
        return new SecureMappingLayer(
                TaskRules.roundKey(Hash.sha256(round.previous().unsafeArray()), round.taskId()),
                round.sml().classes());
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
     * The round's shard was revealed: if this miner committed on that parent, evaluate the model on
     * the shard through the round's mapping layer and return the candidates to send (also to
     * itself). Honest: one candidate with the true score. The adversaries depart here as their
     * {@link MinerBehaviour} says.
     */
    public List<GossipMessage.Candidate> onReveal(GossipMessage.ShardReveal reveal, Dataset shard) {
        if (plan.behaviour() instanceof MinerBehaviour.LateCommit late) {
            commitLate(reveal, shard, late);
        }
        CandidateBlockBuilder.Committed c = committed;
        if (c == null || !c.parent().hash().equals(reveal.reveal().previous())) {
            return List.of();
        }
        if (plan.behaviour() instanceof MinerBehaviour.CopyModel) {
            pendingReveal = reveal; // the weights come with the copied miner's candidate (onPeerCandidate)
            return copySource == null ? List.of() : onPeerCandidate(copySource);
        }
        committed = null;
        if (plan.behaviour() instanceof MinerBehaviour.Honest
                && !reveal.reveal().lists(c.commitment().id())) {
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
        if (plan.behaviour() instanceof MinerBehaviour.Honest && trainedOn != null) {
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
        byte[] modelBytes = model.canonicalBytes();
        List<GossipMessage.Candidate> out = switch (plan.behaviour()) {
            case MinerBehaviour.FalseClaims f ->
                LongStream.rangeClosed(1, f.perRound())
                        .mapToObj(lie -> candidate(c, reveal, score + lie, modelBytes))
                        .toList();
            case MinerBehaviour.StaleModel _ -> List.of(candidate(c, reveal, staleClaim, modelBytes));
            case MinerBehaviour.WithholdModel _ -> List.of(candidate(c, reveal, shard.count(), new byte[0]));
            case MinerBehaviour.Honest _,
                    MinerBehaviour.Premined _,
                    MinerBehaviour.LateCommit _,
                    MinerBehaviour.ForgedReveal _,
                    MinerBehaviour.LazyRekey _,
                    MinerBehaviour.PreminedRekey _,
                    MinerBehaviour.PartialWork _,
                    MinerBehaviour.OneJump _,
                    MinerBehaviour.InstantCommit _ -> List.of(candidate(c, reveal, score, modelBytes));
            case MinerBehaviour.CopyModel _, MinerBehaviour.SyncCopy _ -> List.of();
        };
        return out;
    }

    /**
     * Another miner's commitment arrived. The copy-model adversary commits the same model hash on
     * the same parent under its own key (the first one it sees each round).
     */
    public void onPeerCommitment(Commitment seen) {
        Round.Learning round = learning;
        if (!(plan.behaviour() instanceof MinerBehaviour.CopyModel)
                || committed != null
                || round == null
                || !seen.previous().equals(round.previous())
                || seen.miner().equals(key.publicKey())) {
            return;
        }
        long nonce = rng.nextLong();
        TrainingRecord rec = record(seedStart(round, nonce), round, nonce);
        Model start = initial(round, rec);
        commit(epoch, round, seen.modelHash(), null, rec, WorkForgery.none(rec, start, start), nonce);
    }

    private TrainingStart seedStart(Round.Learning round, long nonce) {
        return new TrainingStart.FromSeed(TaskRules.initSeed(round.previous(), key.publicKey(), nonce));
    }

    /** The model a seed-start record begins with. */
    private static Model initial(Round.Learning round, TrainingRecord rec) {
        return Initializer.initialize(
                ModelSpec.parse(round.task().terms().modelSpec()), ((TrainingStart.FromSeed) rec.start()).seed());
    }

    /**
     * Another miner's candidate arrived. The copy-model adversary, once the shard is revealed,
     * sends the weights it committed to under its own header, with the same claim.
     */
    public List<GossipMessage.Candidate> onPeerCandidate(GossipMessage.Candidate seen) {
        if (plan.behaviour() instanceof MinerBehaviour.SyncCopy) {
            return syncCopy(seen);
        }
        CandidateBlockBuilder.Committed c = committed;
        if (!(plan.behaviour() instanceof MinerBehaviour.CopyModel)
                || c == null
                || !(seen.block().header().proof() instanceof PoleProof p)
                || !seen.block().header().previous().equals(c.parent().hash())
                || !p.modelHash().equals(c.commitment().modelHash())
                || !Hash.sha256(seen.model()).equals(p.modelHash())) {
            return List.of();
        }
        GossipMessage.ShardReveal reveal = pendingReveal;
        if (reveal == null) {
            copySource = seen; // the candidate outran the reveal to this node: copy it once the reveal is here
            return List.of();
        }
        committed = null;
        pendingReveal = null;
        copySource = null;
        return List.of(candidate(c, reveal, p.claimedScore(), seen.model()));
    }

    /**
     * The sync-copy adversary: the first valid-looking candidate of the round on the tip, copied
     * under this miner's header with a commitment made now (after the reveal) and a made-up trace.
     */
    private List<GossipMessage.Candidate> syncCopy(GossipMessage.Candidate seen) {
        Round.Learning round = learning;
        Block b = seen.block();
        if (round == null
                || !(b.header().proof() instanceof PoleProof p)
                || !b.header().previous().equals(round.previous())
                || b.header().miner().equals(key.publicKey())
                || !round.previous().equals(chain.head().hash())
                || round.previous().equals(copiedOn)
                || !Hash.sha256(seen.model()).equals(p.modelHash())
                || !(b.transactions().getLast() instanceof SignedTransaction revealTx)) {
            return List.of();
        }
        Model copied;
        try {
            copied = Model.fromCanonicalBytes(seen.model());
        } catch (RuntimeException e) {
            return List.of();
        }
        copiedOn = round.previous();
        long nonce = rng.nextLong();
        TrainingRecord rec = record(seedStart(round, nonce), round, nonce);
        MinedWork forged = WorkForgery.none(rec, initial(round, rec), copied);
        CandidateBlockBuilder.Committed c = CandidateBlockBuilder.commit(
                chain.head().tip(),
                chain.rules(),
                round,
                key,
                List.of(),
                copied.hash(),
                rec,
                forged.proof(),
                nonce,
                chain.signatureVerifier(),
                lifelong());
        work = forged;
        return List.of(candidate(c, revealTx, p.claimedScore(), seen.model()));
    }

    private GossipMessage.Candidate candidate(
            CandidateBlockBuilder.Committed c, GossipMessage.ShardReveal reveal, long claim, byte[] modelBytes) {
        return candidate(c, reveal.revealTx(), claim, modelBytes);
    }

    private GossipMessage.Candidate candidate(
            CandidateBlockBuilder.Committed c, SignedTransaction revealTx, long claim, byte[] modelBytes) {
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

    /**
     * The stale-model adversary: commits the task's last winning model at once (no training; its
     * record names a seed and steps it never ran) and will claim the score that model won with.
     */
    private void replayLastWinner(long my, Round.Learning round) {
        List<Hash> winners = round.task().winners();
        if (winners.isEmpty()) {
            return; // the task's first round: nothing to replay
        }
        Hash last = winners.getLast();
        Optional<Model> old = chain.blobs().get(last).map(Model::fromCanonicalBytes);
        if (old.isEmpty()) {
            return;
        }
        staleClaim = wonWith(last).orElse(0L);
        long nonce = rng.nextLong();
        TrainingRecord rec = record(seedStart(round, nonce), round, nonce);
        commit(my, round, last, old.get(), rec, WorkForgery.none(rec, initial(round, rec), old.get()), nonce);
    }

    /**
     * The lazy-rekey adversary: no training; commits the task's last winner re-keyed to this round
     * (a model that scores like the last winner under this round's labels) under a record that
     * claims the plan's steps from it. Sits out the task's first round.
     */
    private void commitRekeyedWinner(long my, Round.Learning round) {
        ModelSpec spec = ModelSpec.parse(round.task().terms().modelSpec());
        Optional<Model> rekeyed = rekeyedWinner(round, spec);
        if (rekeyed.isEmpty()) {
            return;
        }
        long nonce = rng.nextLong();
        TrainingRecord rec = record(new TrainingStart.FromParent(rekeyed.get().hash()), round, nonce);
        chain.blobs()
                .dataset(round.task().terms().trainingSet())
                .ifPresent(d -> trainedOn = round.sml().relabel(d));
        commit(
                my,
                round,
                rekeyed.get().hash(),
                rekeyed.get(),
                rec,
                WorkForgery.none(rec, rekeyed.get(), rekeyed.get()),
                nonce);
    }

    /** The claimed score of the canonical block in which {@code model} won (searched back from the tip). */
    private Optional<Long> wonWith(Hash model) {
        Optional<Block> b = chain.block(chain.head().hash());
        for (int i = 0; i < 10_000 && b.isPresent(); i++) {
            if (b.get().header().proof() instanceof PoleProof p && p.modelHash().equals(model)) {
                return Optional.of(p.claimedScore());
            }
            b = chain.block(b.get().header().previous());
        }
        return Optional.empty();
    }

    /**
     * The late-commit adversary, on the reveal: fine-tunes its held model on the revealed shard
     * (relabelled through the round's layer), then commits, after the reveal.
     */
    private void commitLate(GossipMessage.ShardReveal reveal, Dataset shard, MinerBehaviour.LateCommit late) {
        Held h = held;
        Round.Learning round = learning;
        if (h == null
                || round == null
                || !round.previous().equals(reveal.reveal().previous())) {
            return;
        }
        held = null;
        Dataset mapped = round.sml().relabel(shard);
        Model tuned = h.model();
        if (mapped.count() >= plan.batch()) {
            TrainingRecord tune = new TrainingRecord(
                    new TrainingStart.FromParent(tuned.hash()),
                    Optimizer.Adam.of(plan.learningRate()),
                    plan.batch(),
                    late.fineTuneSteps(),
                    rng.nextLong());
            long cpuStart = cpu.nanos();
            tuned = new Trainer(pool).train(TrainingJob.continuing(tuned.spec(), tune, mapped, tuned));
            events.accept(new PoleEvent.Trained(
                    name,
                    round.previous(),
                    round.taskId(),
                    late.fineTuneSteps(),
                    new Evaluator(pool).correctCount(tuned, mapped),
                    mapped.count(),
                    (cpu.nanos() - cpuStart) / 1e9));
        }
        commit(epoch, round, tuned.hash(), tuned, h.record(), h.work(), h.nonce());
    }

    /**
     * The forged-reveal (bad-shard) adversary, at the start of a round: a RevealShard of the round
     * signed with its own key, naming the hash of its training set, broadcast with those bytes.
     */
    private void forgeReveal(long my, Round.Learning round) {
        if (!current(my)) {
            return;
        }
        Optional<byte[]> bytes = chain.blobs().get(round.task().terms().trainingSet());
        if (bytes.isEmpty()) {
            return;
        }
        RevealShard forged = new RevealShard(
                round.taskId(), round.previous(), round.shardIndex(), Hash.sha256(bytes.get()), List.of());
        long nonce = chain.account(Address.of(key.publicKey())).nonce();
        SignedTransaction tx = SignedTransaction.sign(
                new TxBody(chain.genesis().chainId(), key.publicKey(), nonce, Amount.ZERO, forged), key);
        network.broadcast(new GossipMessage.ShardReveal(tx, bytes.get()));
    }

    /** A late committer's trained model, held back until the reveal. */
    private record Held(Model model, TrainingRecord record, long nonce, MinedWork work) {}

    /** The last committed model's hash (tests). */
    Optional<Hash> committedModel() {
        return Optional.ofNullable(committed).map(c -> c.commitment().modelHash());
    }
}
