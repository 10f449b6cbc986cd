package io.learnchain.sim;

import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.node.pole.MinerStrategy;
import io.learnchain.sim.adversary.CopyModel;
import io.learnchain.sim.adversary.FalseClaims;
import io.learnchain.sim.adversary.ForgedKeys;
import io.learnchain.sim.adversary.ForgedReveal;
import io.learnchain.sim.adversary.LateCommit;
import io.learnchain.sim.adversary.OneJump;
import io.learnchain.sim.adversary.PartialWork;
import io.learnchain.sim.adversary.Premined;
import io.learnchain.sim.adversary.PreminedRekey;
import io.learnchain.sim.adversary.RekeyedWinner;
import io.learnchain.sim.adversary.StaleModel;
import io.learnchain.sim.adversary.SyncCopy;
import io.learnchain.sim.adversary.WithholdModel;
import java.util.Arrays;

/** Misbehaving node kinds (SCENARIOS.md D16-D20, issue 15's work forgers) the simulation can field. */
public enum Adversary {
    /** Sends 50 candidates per round claiming more than its model reaches. */
    FALSE_CLAIMS("false-claims", "sends 50 candidates a round, each claiming more than its model reaches"),
    /** Trains for another parent (a model prepared in advance) and commits it without the accuracy check. */
    PREMINED("premined", "trains under another parent's mapping layer (a model made in advance) and competes"),
    /** Commits another miner's model hash and re-sends that miner's weights under its own header. */
    COPY_MODEL(
            "copy-model",
            "commits the model hash of another miner's commitment, then re-sends that miner's "
                    + "weights under its own header with the same claim"),
    /** Offers the task's last winning model, untrained, claiming the score it won with. */
    STALE_MODEL(
            "stale-model",
            "trains nothing: commits the task's last winning model at once and claims the " + "score it won with"),
    /** Holds its commitment until the reveal, fine-tunes on the revealed shard, then commits. */
    LATE_COMMIT(
            "late-commit",
            "trains, holds its commitment back, fine-tunes on the revealed test shard and only "
                    + "then commits and sends"),
    /** Broadcasts a forged reveal (its own signature, bytes of its choosing) at the start of every round. */
    BAD_SHARD(
            "bad-shard",
            "broadcasts a forged reveal at the start of every round: its own signature over the "
                    + "hash of bytes it chose (its training set); mines honestly otherwise"),
    /** Sends its candidate header claiming the whole shard, without the model bytes. */
    WITHHOLD_MODEL(
            "withhold-model",
            "trains and commits, then sends its candidate claiming every shard sample "
                    + "right, without the model bytes"),
    /** Issue 15: commits the last winner re-keyed to the round, no training, a made-up 500-step trace. */
    LAZY_REKEY(
            "lazy-rekey",
            "trains nothing: commits the task's last winner re-keyed to this round under a record that claims "
                    + "the steps, with a made-up trace"),
    /** Issue 15: a model trained for another parent, re-keyed to the round, under a made-up trace. */
    PREMINED_REKEY(
            "premined-rekey",
            "trains for another parent (a model made in advance), re-keys it to this round's labels and "
                    + "commits it under this round's record with a made-up trace"),
    /** Issue 15: trains a quarter fewer segments than it claims. */
    PARTIAL_WORK_25(
            "partial-work-0.25", "trains 75% of the record's segments and claims the rest (repeats its last state)"),
    /** Issue 15: trains half the segments it claims. */
    PARTIAL_WORK_50(
            "partial-work-0.5", "trains 50% of the record's segments and claims the rest (repeats its last state)"),
    /** Issue 15: trains a tenth of the segments it claims. */
    PARTIAL_WORK_90(
            "partial-work-0.9", "trains 10% of the record's segments and claims the rest (repeats its last state)"),
    /** Issue 15: an honest record except one segment, where the parameters become a model it did not train there. */
    ONE_JUMP(
            "one-jump",
            "trains honestly except one random segment, at whose end it swaps in the last winner re-keyed "
                    + "(or a model trained for another parent)"),
    /** Issue 15: commits at once with no work, to set off the requester's reveal before honest miners finish. */
    INSTANT_COMMIT(
            "instant-commit",
            "commits the last winner re-keyed at once, with no work, to pull the reveal forward so that "
                    + "honest commitments come late"),
    /** Issue 15: copies another miner's candidate after the reveal under its own header, made-up trace, late commitment. */
    SYNC_COPY(
            "sync-copy",
            "trains nothing: copies the first other candidate of each round under its own header, with a made-up "
                    + "trace and a commitment made after the reveal, as a sibling of the winner a syncing node is offered"),
    /** Never reveals its shard: its rounds must be forfeited and the chain must go on. */
    SILENT_REQUESTER("silent-requester", "the requester (node 0) never reveals a shard"),
    /** Issue 20: a non-requester gossips key releases of a private round it cannot make. */
    FORGED_KEYS(
            "forged-keys",
            "private task: gossips random round keys twice a second from each round's start, signed with its own "
                    + "key under its own public key or under the requester's; mines honestly otherwise"),
    /** Issue 20: the requester releases (and would reveal) validly signed keys that do not open the round's rows. */
    BAD_KEYS(
            "bad-keys",
            "private task: the requester (node 0) releases and reveals each round's keys plus one, validly signed "
                    + "keys of no row of the round"),
    /** Issue 20: the requester releases the round keys to one colluding miner (the last node) only. */
    SELECTIVE_KEYS(
            "selective-keys",
            "private task: the requester (node 0) sends each round's key release to one colluding miner (the last "
                    + "node) only; the keys reach everyone else with its reveal");

    /** Steps the late committer fine-tunes on the revealed shard. */
    static final long FINE_TUNE_STEPS = 60;

    private final String flag;
    private final String description;

    Adversary(String flag, String description) {
        this.flag = flag;
        this.description = description;
    }

    String flag() {
        return flag;
    }

    String description() {
        return description;
    }

    /** A requester-side kind (node 0 plays it); the others are miners on the last nodes. */
    boolean requesterSide() {
        return this == SILENT_REQUESTER || this == BAD_KEYS || this == SELECTIVE_KEYS;
    }

    /** An attack on a private task's round keys (PROTOCOL.md 3.9): a task in the clear has none. */
    boolean privateOnly() {
        return this == FORGED_KEYS || this == BAD_KEYS || this == SELECTIVE_KEYS;
    }

    /**
     * A new strategy for a miner of this kind (one per miner: some keep state across a round); the
     * requester-side kinds' node mines honestly.
     */
    MinerStrategy strategy() {
        return switch (this) {
            case FALSE_CLAIMS -> new FalseClaims(Simulation.FALSE_CLAIMS_PER_ROUND);
            case PREMINED -> new Premined();
            case COPY_MODEL -> new CopyModel();
            case STALE_MODEL -> new StaleModel();
            case LATE_COMMIT -> new LateCommit(FINE_TUNE_STEPS);
            case BAD_SHARD -> new ForgedReveal();
            case WITHHOLD_MODEL -> new WithholdModel();
            case LAZY_REKEY, INSTANT_COMMIT -> new RekeyedWinner();
            case PREMINED_REKEY -> new PreminedRekey();
            case PARTIAL_WORK_25 -> new PartialWork(0.25);
            case PARTIAL_WORK_50 -> new PartialWork(0.5);
            case PARTIAL_WORK_90 -> new PartialWork(0.9);
            case ONE_JUMP -> new OneJump();
            case SYNC_COPY -> new SyncCopy();
            case FORGED_KEYS -> new ForgedKeys(DevAccounts.keys(0).publicKey());
            case SILENT_REQUESTER, BAD_KEYS, SELECTIVE_KEYS -> MinerStrategy.honest();
        };
    }

    public static Adversary parse(String flag) {
        return Arrays.stream(values())
                .filter(a -> a.flag.equals(flag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown adversary '" + flag + "': this build has "
                        + Arrays.stream(values()).map(Adversary::flag).toList()));
    }
}
