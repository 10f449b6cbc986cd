package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PoleFixture.MINER;
import static io.learnchain.chain.pole.PoleFixture.OTHER_MINER;
import static io.learnchain.chain.pole.PoleFixture.REQUESTER;
import static io.learnchain.chain.pole.PoleFixture.proof;
import static io.learnchain.chain.pole.PoleFixture.record;
import static io.learnchain.chain.pole.PoleFixture.withProof;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios behind the committed pole vectors (src/test/resources/vectors/pole): each is a
 * chain of blocks whose last one gets the named verdict, or a set of candidates for one round and
 * the expected winner. {@link PoleVectorWriterTest} writes them, {@link PoleVectorReplayTest}
 * replays the files.
 */
final class PoleVectors {
    record Scenario(
            String description,
            PoleFixture fixture,
            List<Block> blocks,
            List<Block> candidates,
            Map<Hash, byte[]> blobOverrides) {}

    private final PoleFixture f = new PoleFixture();
    private final Map<String, Scenario> out = new LinkedHashMap<>();
    private final Block b1;
    private final ChainTip t1;
    private final PoleFixture.Honest a;
    private final ChainTip t2;

    private PoleVectors() {
        ChainTip g = ChainTip.genesis(f.genesis);
        b1 = f.idle(g, List.of(f.postTask(0)));
        t1 = f.connect(g, b1);
        // the first round whose winner's block gives round 2 another label permutation (4 classes: 1 in
        // 24 blocks give the same one, and then a re-keyed winner is the winner itself)
        PoleFixture.Honest honest = null;
        ChainTip next = null;
        for (long nonce = 1; honest == null; nonce++) {
            PoleFixture.Honest h = f.honest(t1, MINER, nonce, 120, 1);
            ChainTip t = f.connect(t1, h.block());
            if (!Rekey.rekey(h.model(), f.learning(t1).sml(), f.learning(t).sml())
                    .hash()
                    .equals(h.model().hash())) {
                honest = h;
                next = t;
            }
        }
        a = honest;
        t2 = next;
    }

    static Map<String, Scenario> all() {
        PoleVectors v = new PoleVectors();
        v.lifecycle();
        v.taskChoice();
        v.claimsAndModels();
        v.commitments();
        v.shards();
        v.rounds();
        v.transactions();
        v.selection();
        v.work();
        return v.out;
    }

    /** PROTOCOL.md 3.7: work that was not done, a start chosen before the parent, a wrong opening. */
    private void work() {
        Model rekeyed =
                Rekey.rekey(a.model(), f.learning(t1).sml(), f.learning(t2).sml());
        TrainingRecord lazy = record(t2, MINER, 21, 500, new TrainingStart.FromParent(rekeyed.hash()));
        f.register(WorkForgery.none(lazy, rekeyed, rekeyed));
        add(
                "work-lazy-rekey",
                "round 2: the last winner re-keyed, claimed under a 500-step record it never ran",
                List.of(
                        b1,
                        a.block(),
                        f.pole(t2, MINER, rekeyed.hash(), lazy, 21, f.score(t2, rekeyed), List.of(), f.reveal(t2, 2))));
        long order = TaskRules.dataOrderSeed(t1.hash(), PoleFixture.key(MINER).publicKey(), 22);
        TrainingRecord anySeed = new TrainingRecord(
                new TrainingStart.FromSeed(22), io.learnchain.learn.train.Optimizer.Adam.of(0.02f), 32, 64, order);
        Model early = f.train(t1, anySeed, null);
        add(
                "work-start-seed-not-from-parent",
                "a seed start that is not H(previous, miner, nonce): it could have been trained before the parent",
                List.of(
                        b1,
                        f.pole(t1, MINER, early.hash(), anySeed, 22, f.score(t1, early), List.of(), f.reveal(t1, 1))));
        PoleProof p = proof(a.block());
        List<Hash> swapped = new ArrayList<>(p.work().openings());
        java.util.Collections.reverse(swapped);
        add(
                "work-opening-swapped",
                "the honest block with its opened checkpoints in the wrong order",
                List.of(b1, withProof(a.block(), p.withWork(p.work().withOpenings(swapped)), MINER)));
    }

    private void add(String name, String description, List<Block> blocks) {
        out.put(name, new Scenario(description, f, blocks, List.of(), Map.of()));
    }

    private void lifecycle() {
        add("post-task", "an idle block posting a 3-round task: escrow 30 coins leaves the requester", List.of(b1));
        add(
                "pole-round",
                "the honest round-1 block: subsidy + 10 coins from escrow to the miner",
                List.of(b1, a.block()));
        PoleFixture.Honest second = f.honest(t2, MINER, 2, 120, 2);
        add("second-round-from-seed", "round 2 trained from a fresh seed", List.of(b1, a.block(), second.block()));
        SecureMappingLayer sml1 = f.learning(t1).sml();
        SecureMappingLayer sml2 = f.learning(t2).sml();
        Model rekeyed = Rekey.rekey(a.model(), sml1, sml2);
        TrainingRecord cont = record(t2, MINER, 3, 40, new TrainingStart.FromParent(rekeyed.hash()));
        Model continued = f.train(t2, cont, rekeyed);
        Block cb = f.pole(t2, MINER, continued.hash(), cont, 3, f.score(t2, continued), List.of(), f.reveal(t2, 2));
        add(
                "second-round-continues-winner",
                "round 2 continues round 1's winner re-keyed to round 2's mapping layer",
                List.of(b1, a.block(), cb));
        TrainingRecord wrongCont =
                record(t2, MINER, 4, 40, new TrainingStart.FromParent(a.model().hash()));
        Block wc =
                f.pole(t2, MINER, continued.hash(), wrongCont, 4, f.score(t2, continued), List.of(), f.reveal(t2, 2));
        add(
                "continue-without-rekey",
                "round 2 names round 1's winner itself, not its re-keyed form, as start",
                List.of(b1, a.block(), wc));
        TrainingRecord noWinner =
                record(t1, MINER, 5, 40, new TrainingStart.FromParent(a.model().hash()));
        Block nw = f.pole(
                t1, MINER, a.model().hash(), noWinner, 5, proof(a.block()).claimedScore(), List.of(), f.reveal(t1, 1));
        add(
                "continue-without-winner",
                "round 1 claims to continue a model although the task has no winner yet",
                List.of(b1, nw));
        add(
                "stale-model",
                "round 2 block re-submitting round 1's winning model",
                List.of(
                        b1,
                        a.block(),
                        f.pole(
                                t2,
                                MINER,
                                a.model().hash(),
                                record(t2, MINER, 6, 120, new TrainingStart.FromSeed(6)),
                                6,
                                f.score(t2, a.model()),
                                List.of(),
                                f.reveal(t2, 2))));
    }

    private void taskChoice() {
        ChainTip g = ChainTip.genesis(f.genesis);
        var fast = f.tx(REQUESTER, 1, Amount.ZERO, f.task(2, PoleFixture.REWARD, 30, 5000));
        Block two = f.idle(g, List.of(f.postTask(0), fast));
        ChainTip tt = f.connect(g, two);
        PoleFixture.Honest h = f.honest(tt, MINER, 7, 120, 2);
        add(
                "task-choice-highest-value",
                "tasks 10/60 s and 10/30 s open: the round works on task 2",
                List.of(two, h.block()));
        add(
                "task-choice-wrong-task",
                "the block works on task 1 while task 2 pays more per second",
                List.of(two, withProof(h.block(), withTask(proof(h.block()), 1), MINER)));
        var same = f.tx(REQUESTER, 1, Amount.ZERO, f.task(2, Amount.ofCoins(20), 120, 5000));
        Block tie = f.idle(g, List.of(f.postTask(0), same));
        ChainTip tieTip = f.connect(g, tie);
        PoleFixture.Honest th = f.honest(tieTip, MINER, 8, 120, 2);
        add(
                "task-choice-tie-lower-id",
                "10/60 s and 20/120 s tie: the round works on the lower id, task 1",
                List.of(tie, th.block()));
        add(
                "task-choice-tie-higher-id",
                "on the tie, a block working on task 2 is rejected",
                List.of(tie, withProof(th.block(), withTask(proof(th.block()), 2), MINER)));
    }

    private static PoleProof withTask(PoleProof p, long task) {
        return new PoleProof(
                task,
                p.modelHash(),
                p.record(),
                p.work(),
                p.orderNonce(),
                p.shardIndex(),
                p.shardHash(),
                p.claimedScore(),
                p.commitmentSignature());
    }

    private void claimsAndModels() {
        PoleProof p = proof(a.block());
        add(
                "score-claim-plus-one",
                "the honest model claiming one correct prediction more than it makes",
                List.of(b1, withProof(a.block(), p.withClaimedScore(p.claimedScore() + 1), MINER)));
        add(
                "score-claim-minus-one",
                "the honest model claiming one correct prediction less than it makes",
                List.of(b1, withProof(a.block(), p.withClaimedScore(p.claimedScore() - 1), MINER)));
        TrainingRecord rec = record(t1, MINER, 9, 120, new TrainingStart.FromSeed(9));
        Model other = f.train(t1, rec, null);
        Block mismatch = f.pole(t1, MINER, other.hash(), rec, 9, f.score(t1, other), List.of(), f.reveal(t1, 1));
        out.put(
                "model-hash-mismatch",
                new Scenario(
                        "the model blob served under the block's model hash is another" + " model",
                        f,
                        List.of(b1, mismatch),
                        List.of(),
                        Map.of(other.hash(), a.model().canonicalBytes())));
        byte[] nan = a.model().canonicalBytes();
        int at = nan.length - 4 * 7;
        int bits = Float.floatToRawIntBits(Float.NaN);
        for (int i = 0; i < 4; i++) {
            nan[at + i] = (byte) (bits >>> (8 * i));
        }
        Hash nanHash = f.put(nan);
        add(
                "nan-weights",
                "a model blob with one NaN weight",
                List.of(
                        b1,
                        f.pole(
                                t1,
                                MINER,
                                nanHash,
                                record(t1, MINER, 10, 120, new TrainingStart.FromSeed(10)),
                                10,
                                0,
                                List.of(),
                                f.reveal(t1, 1))));
        Model wrongSpec = Initializer.initialize(PoleFixture.OTHER_SPEC, 3);
        Hash ws = f.put(wrongSpec.canonicalBytes());
        add(
                "wrong-model-spec",
                "a model of another architecture than the task's",
                List.of(
                        b1,
                        f.pole(
                                t1,
                                MINER,
                                ws,
                                record(t1, MINER, 11, 120, new TrainingStart.FromSeed(11)),
                                11,
                                0,
                                List.of(),
                                f.reveal(t1, 1))));
        byte[] junk = new byte[300];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 11);
        }
        Hash junkHash = f.put(junk);
        add(
                "malformed-model",
                "a model blob that is not canonical model bytes",
                List.of(
                        b1,
                        f.pole(
                                t1,
                                MINER,
                                junkHash,
                                record(t1, MINER, 12, 120, new TrainingStart.FromSeed(12)),
                                12,
                                0,
                                List.of(),
                                f.reveal(t1, 1))));
        TrainingRecord none = record(t1, MINER, 13, 0, new TrainingStart.FromSeed(13));
        Model untrained = f.train(t1, none, null);
        add(
                "training-accuracy-not-met",
                "an untrained model with its true score, below the 50% training minimum",
                List.of(
                        b1,
                        f.pole(
                                t1,
                                MINER,
                                untrained.hash(),
                                none,
                                13,
                                f.score(t1, untrained),
                                List.of(),
                                f.reveal(t1, 1))));
        PoleFixture small = new PoleFixture(PoleFixture.genesisWithModelLimit(512));
        ChainTip sg = ChainTip.genesis(small.genesis);
        Block sb1 = small.idle(sg, List.of(small.postTask(0)));
        ChainTip st1 = small.connect(sg, sb1);
        PoleFixture.Honest big = small.honest(st1, MINER, 1, 120, 1);
        out.put(
                "model-too-large",
                new Scenario(
                        "a genesis limiting models to 512 bytes; the 212-parameter model has "
                                + a.model().canonicalBytes().length,
                        small,
                        List.of(sb1, big.block()),
                        List.of(),
                        Map.of()));
        TrainingRecord wr = record(t1, MINER, 14, 120, new TrainingStart.FromSeed(14));
        Model withheld = new Trainer(ComputePool.serial())
                .train(new TrainingJob(
                        PoleFixture.SPEC,
                        wr,
                        f.learning(t1).sml().relabel(PoleFixture.TRAIN),
                        InputTransform.IDENTITY,
                        null,
                        TrainingListener.NONE));
        add(
                "missing-model-blob",
                "the model blob was never received: undecided, not invalid",
                List.of(b1, f.pole(t1, MINER, withheld.hash(), wr, 14, 50, List.of(), f.reveal(t1, 1))));
    }

    private void commitments() {
        long score = proof(a.block()).claimedScore();
        add(
                "no-commitment",
                "the requester's reveal lists no commitment: it received none before revealing",
                List.of(b1, f.completeAsIs(a.committed(), f.reveal(t1, 1), score, MINER)));
        TrainingRecord otherRec = record(t1, OTHER_MINER, 16, 30, new TrainingStart.FromSeed(16));
        Model otherModel = f.train(t1, otherRec, null);
        Commitment otherCommitment = f.commit(t1, OTHER_MINER, otherModel.hash(), otherRec, 16, List.of())
                .commitment();
        add(
                "commitment-not-listed",
                "the reveal lists another miner's commitment, not this block's: it reached the requester after the reveal",
                List.of(
                        b1,
                        f.completeAsIs(
                                a.committed(), PoleFixture.listing(f.reveal(t1, 1), otherCommitment), score, MINER)));
        TrainingRecord fake = record(t1, OTHER_MINER, 1, 120, new TrainingStart.FromSeed(1));
        CandidateBlockBuilder.Committed copyCommitted =
                f.commit(t1, OTHER_MINER, a.model().hash(), fake, 1, List.of());
        SignedTransaction both =
                PoleFixture.listing(f.reveal(t1, 1), f.commitmentOf(a.block()), copyCommitted.commitment());
        add(
                "copied-model",
                "miner 2 commits miner 3's model hash; the reveal lists miner 3's commitment first",
                List.of(b1, f.complete(copyCommitted, both, score, OTHER_MINER)));
        add(
                "copied-model-first-committer",
                "the same reveal: the first listed committer's block connects",
                List.of(b1, f.complete(a.committed(), both, score, MINER)));
        TrainingRecord rec = record(t1, MINER, 15, 120, new TrainingStart.FromSeed(15));
        Model other = f.train(t1, rec, null);
        PoleProof p = proof(a.block());
        Block swapped = withProof(
                a.block(),
                new PoleProof(
                        p.taskId(),
                        other.hash(),
                        p.record(),
                        p.work(),
                        p.orderNonce(),
                        p.shardIndex(),
                        p.shardHash(),
                        f.score(t1, other),
                        p.commitmentSignature()),
                MINER);
        add(
                "model-differs-from-commitment",
                "the header names another model than the one committed",
                List.of(b1, swapped));
        ChainTip g = ChainTip.genesis(f.genesis);
        Block alt = BlockAssembler.mine(
                        g, List.of(f.postTask(0)), PoleFixture.key(MINER), g.timestamp() + 11, f.rules, 1_000_000)
                .orElseThrow();
        ChainTip altTip = f.connect(g, alt);
        PoleFixture.Honest onAlt = f.honest(altTip, MINER, 1, 120, 1);
        Block reused =
                withProof(onAlt.block(), proof(onAlt.block()).withCommitmentSignature(p.commitmentSignature()), MINER);
        add(
                "commitment-under-other-parent",
                "a commitment signed on one parent reused in a block on another",
                List.of(alt, reused));
    }

    private void shards() {
        PoleProof p = proof(a.block());
        Round.Learning r = f.learning(t1);
        int otherIndex = (r.shardIndex() + 1) % PoleFixture.SHARD_HASHES.size();
        Hash otherHash = PoleFixture.SHARD_HASHES.get(otherIndex);
        Hash fakeShard = f.put(DatasetCodec.encode(PoleFixture.synthetic("fake-shard", 64, 77)));
        add(
                "shard-not-committed",
                "header and reveal name a shard that hashes to none of the committed ones",
                List.of(
                        b1,
                        withProof(
                                a.block(),
                                new PoleProof(
                                        p.taskId(),
                                        p.modelHash(),
                                        p.record(),
                                        p.work(),
                                        p.orderNonce(),
                                        p.shardIndex(),
                                        fakeShard,
                                        p.claimedScore(),
                                        p.commitmentSignature()),
                                MINER)));
        add(
                "shard-not-chosen",
                "the block uses another committed shard than the chain chose",
                List.of(
                        b1,
                        withProof(
                                a.block(),
                                new PoleProof(
                                        p.taskId(),
                                        p.modelHash(),
                                        p.record(),
                                        p.work(),
                                        p.orderNonce(),
                                        otherIndex,
                                        otherHash,
                                        p.claimedScore(),
                                        p.commitmentSignature()),
                                MINER)));
        SignedTransaction badHash =
                f.tx(REQUESTER, 1, Amount.ZERO, new RevealShard(1, t1.hash(), r.shardIndex(), fakeShard, List.of()));
        add(
                "reveal-wrong-hash",
                "the requester's reveal carries a hash that is not the committed shard's",
                List.of(
                        b1,
                        f.pole(
                                t1,
                                MINER,
                                a.model().hash(),
                                p.record(),
                                p.orderNonce(),
                                p.claimedScore(),
                                List.of(),
                                badHash)));
        SignedTransaction badIndex =
                f.tx(REQUESTER, 1, Amount.ZERO, new RevealShard(1, t1.hash(), otherIndex, otherHash, List.of()));
        add(
                "reveal-other-index",
                "the requester reveals another shard than the chain chose",
                List.of(
                        b1,
                        f.pole(
                                t1,
                                MINER,
                                a.model().hash(),
                                p.record(),
                                p.orderNonce(),
                                p.claimedScore(),
                                List.of(),
                                badIndex)));
        SignedTransaction notRequester =
                f.tx(0, 0, Amount.ZERO, new RevealShard(1, t1.hash(), r.shardIndex(), r.shardHash(), List.of()));
        List<Transaction> foreign = new ArrayList<>(a.block().transactions());
        foreign.set(foreign.size() - 1, notRequester);
        add(
                "reveal-not-requester",
                "the round's reveal signed by another account than the requester",
                List.of(
                        b1,
                        f.forgePole(
                                t1, MINER, a.model().hash(), p.record(), p.orderNonce(), p.claimedScore(), foreign)));
        List<Transaction> body = new ArrayList<>(a.block().transactions());
        body.removeLast();
        add(
                "missing-reveal",
                "a pole block without the requester's reveal",
                List.of(
                        b1,
                        f.forgePole(t1, MINER, a.model().hash(), p.record(), p.orderNonce(), p.claimedScore(), body)));
        List<Transaction> twice = new ArrayList<>(a.block().transactions());
        twice.add(twice.size() - 1, f.reveal(t1, 2));
        add(
                "two-reveals",
                "a pole block with a second reveal before the last",
                List.of(
                        b1,
                        f.forgePole(t1, MINER, a.model().hash(), p.record(), p.orderNonce(), p.claimedScore(), twice)));
    }

    private void rounds() {
        PoleProof p = proof(a.block());
        add(
                "wrong-data-order-seed",
                "the proof's nonce does not derive the record's data-order seed",
                List.of(
                        b1,
                        withProof(
                                a.block(),
                                new PoleProof(
                                        p.taskId(),
                                        p.modelHash(),
                                        p.record(),
                                        p.work(),
                                        p.orderNonce() + 1,
                                        p.shardIndex(),
                                        p.shardHash(),
                                        p.claimedScore(),
                                        p.commitmentSignature()),
                                MINER)));
        add(
                "idle-while-task-open",
                "an idle proof-of-work block while a task is open",
                List.of(
                        b1,
                        f.forgeWork(
                                t1,
                                new IdleProof(t1.nextDifficulty(f.rules), 0),
                                t1.timestamp() + 10,
                                List.of(f.coinbase(t1, f.rules.blockSubsidy())))));
        Block ff = f.forfeit(t1, List.of());
        add("forfeit", "the requester did not reveal within 600 s: the round's reward is burned", List.of(b1, ff));
        ChainTip tf = f.connect(t1, ff);
        Block ff2 = f.forfeit(tf, List.of());
        add(
                "two-forfeits-close-task",
                "a second forfeit burns another 10 coins and closes the task: the last 10 return"
                        + " minus the 10% penalty",
                List.of(b1, ff, ff2));
        ChainTip tf2 = f.connect(tf, ff2);
        add(
                "idle-after-close",
                "after the task closed the rounds fall back to idle blocks",
                List.of(b1, ff, ff2, f.idle(tf2, List.of())));
        add(
                "forfeit-too-early",
                "a forfeit block one second before the reveal deadline",
                List.of(
                        b1,
                        f.forgeWork(
                                t1,
                                new ForfeitProof(1, t1.nextDifficulty(f.rules), 0),
                                t1.timestamp() + PoleFixture.MAX_PHASE - 1,
                                List.of(f.coinbase(t1, f.rules.blockSubsidy())))));
        ChainTip g = ChainTip.genesis(f.genesis);
        add(
                "forfeit-without-task",
                "a forfeit block where no task is open",
                List.of(f.forgeWork(
                        g,
                        new ForfeitProof(1, g.nextDifficulty(f.rules), 0),
                        g.timestamp() + PoleFixture.MAX_PHASE,
                        List.of(f.coinbase(g, f.rules.blockSubsidy())))));
        add(
                "forfeit-claims-reward",
                "a forfeit block whose coinbase also claims the round's reward",
                List.of(
                        b1,
                        f.forgeWork(
                                t1,
                                new ForfeitProof(1, t1.nextDifficulty(f.rules), 0),
                                t1.timestamp() + PoleFixture.MAX_PHASE,
                                List.of(f.coinbase(t1, f.rules.blockSubsidy().add(PoleFixture.REWARD))))));
        BlockHeader h = a.block().header();
        BlockHeader onGenesis = new BlockHeader(
                        h.version(),
                        g.height().next(),
                        g.hash(),
                        g.timestamp() + 10,
                        h.miner(),
                        h.txRoot(),
                        h.stateRoot(),
                        h.proof(),
                        h.signature())
                .signedBy(PoleFixture.key(MINER));
        add(
                "pole-without-task",
                "a pole block on a chain with no task",
                List.of(new Block(onGenesis, a.block().transactions())));
        List<Transaction> rich = new ArrayList<>(a.block().transactions());
        Amount claimed = f.rules.blockSubsidy().add(PoleFixture.REWARD).add(Amount.ofUnits(1));
        rich.set(0, f.coinbase(t1, claimed));
        add(
                "coinbase-reward-plus-one",
                "the coinbase claims subsidy + round reward + 1 unit",
                List.of(
                        b1,
                        f.forgePole(t1, MINER, a.model().hash(), p.record(), p.orderNonce(), p.claimedScore(), rich)));
    }

    private void transactions() {
        ChainTip g = ChainTip.genesis(f.genesis);
        var tooBig = f.tx(REQUESTER, 0, Amount.ZERO, f.task(3, Amount.ofCoins(400), 60, 5000));
        add(
                "post-task-overspend",
                "a task whose escrow (1200 coins) exceeds the requester's balance",
                List.of(f.forgeWork(
                        g,
                        new IdleProof(g.nextDifficulty(f.rules), 0),
                        g.timestamp() + 10,
                        List.of(f.coinbase(g, f.rules.blockSubsidy()), tooBig))));
        PoleProof p = proof(a.block());
        Block cancelInRound = f.pole(
                t1,
                MINER,
                a.model().hash(),
                p.record(),
                p.orderNonce(),
                p.claimedScore(),
                List.of(f.cancel(REQUESTER, 1, 1)),
                f.reveal(t1, 2));
        add(
                "cancel-after-round",
                "the requester cancels in the round's own block: the round is paid first, then "
                        + "18 of the 20 coins left return",
                List.of(b1, cancelInRound));
        Block cancelInForfeit = f.forfeit(t1, List.of(f.cancel(REQUESTER, 1, 1)));
        ChainTip tc = f.connect(t1, cancelInForfeit);
        add(
                "cancel-then-idle",
                "cancelled in a forfeit block; the next round is idle",
                List.of(b1, cancelInForfeit, f.idle(tc, List.of())));
        add(
                "cancel-twice",
                "a second cancel of the same task",
                List.of(
                        b1,
                        cancelInForfeit,
                        f.forgeWork(
                                tc,
                                new IdleProof(tc.nextDifficulty(f.rules), 0),
                                tc.timestamp() + 10,
                                List.of(f.coinbase(tc, f.rules.blockSubsidy()), f.cancel(REQUESTER, 2, 1)))));
        add(
                "cancel-unknown-task",
                "cancelling a task id that was never posted",
                List.of(
                        b1,
                        cancelInForfeit,
                        f.forgeWork(
                                tc,
                                new IdleProof(tc.nextDifficulty(f.rules), 0),
                                tc.timestamp() + 10,
                                List.of(f.coinbase(tc, f.rules.blockSubsidy()), f.cancel(REQUESTER, 2, 9)))));
        add(
                "cancel-not-requester",
                "another account cancels the requester's task",
                List.of(
                        b1,
                        f.forgeWork(
                                t1,
                                new ForfeitProof(1, t1.nextDifficulty(f.rules), 0),
                                t1.timestamp() + PoleFixture.MAX_PHASE,
                                List.of(f.coinbase(t1, f.rules.blockSubsidy()), f.cancel(0, 0, 1)))));
        add(
                "reveal-in-idle-block",
                "a RevealShard in an idle block after the task was cancelled",
                List.of(
                        b1,
                        cancelInForfeit,
                        f.forgeWork(
                                tc,
                                new IdleProof(tc.nextDifficulty(f.rules), 0),
                                tc.timestamp() + 10,
                                List.of(
                                        f.coinbase(tc, f.rules.blockSubsidy()),
                                        f.tx(
                                                REQUESTER,
                                                2,
                                                Amount.ZERO,
                                                new RevealShard(
                                                        1,
                                                        tc.hash(),
                                                        0,
                                                        PoleFixture.SHARD_HASHES.getFirst(),
                                                        List.of()))))));
    }

    private void selection() {
        long target = proof(a.block()).claimedScore();
        CandidateBlockBuilder.Committed tieB = null;
        for (long nonce = 20; nonce < 120 && tieB == null; nonce++) {
            TrainingRecord rec = record(t1, OTHER_MINER, nonce, 120, new TrainingStart.FromSeed(nonce));
            Model m = f.train(t1, rec, null);
            if (f.score(t1, m) == target) {
                tieB = f.commit(t1, OTHER_MINER, m.hash(), rec, nonce, List.of());
            }
        }
        if (tieB == null) {
            throw new IllegalStateException("no equal-score model found for the tie vectors");
        }
        Commitment ca = f.commitmentOf(a.block());
        SignedTransaction aFirst = PoleFixture.listing(f.reveal(t1, 1), ca, tieB.commitment());
        SignedTransaction bFirst = PoleFixture.listing(f.reveal(t1, 1), tieB.commitment(), ca);
        out.put(
                "equal-score-tie-first-commitment",
                new Scenario(
                        "two valid candidates with equal scores: the commitment listed first (miner 3) wins",
                        f,
                        List.of(b1),
                        List.of(
                                f.complete(a.committed(), aFirst, target, MINER),
                                f.complete(tieB, aFirst, target, OTHER_MINER)),
                        Map.of()));
        out.put(
                "equal-score-tie-other-order",
                new Scenario(
                        "the same tie with miner 2's commitment listed first: miner 2 wins",
                        f,
                        List.of(b1),
                        List.of(
                                f.complete(a.committed(), bFirst, target, MINER),
                                f.complete(tieB, bFirst, target, OTHER_MINER)),
                        Map.of()));
        List<Block> candidates = new ArrayList<>();
        for (long nonce = 200; nonce < 205; nonce++) {
            TrainingRecord rec = record(t1, OTHER_MINER, nonce, 30, new TrainingStart.FromSeed(nonce));
            Model m = f.train(t1, rec, null);
            Block liar = f.pole(t1, OTHER_MINER, m.hash(), rec, nonce, 64, List.of(), f.reveal(t1, 1));
            candidates.add(liar);
        }
        candidates.add(a.block());
        out.put(
                "false-claims-then-honest",
                new Scenario(
                        "five candidates claiming 64/64 that reach less, then the "
                                + "honest one: the liar (one miner) is dropped after its first failure, the honest block wins at evaluation 2",
                        f,
                        List.of(b1),
                        candidates,
                        Map.of()));
    }
}
