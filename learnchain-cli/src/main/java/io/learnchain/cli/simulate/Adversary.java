package io.learnchain.cli.simulate;

import io.learnchain.node.pole.MinerBehaviour;
import java.util.Arrays;

/** Misbehaving node kinds (SCENARIOS.md D16-D20) the simulation can field. */
enum Adversary {
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
    /** Never reveals its shard: its rounds must be forfeited and the chain must go on. */
    SILENT_REQUESTER("silent-requester", "the requester (node 0) never reveals a shard");

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
        return this == SILENT_REQUESTER;
    }

    /** The miner's behaviour for a miner-side kind. */
    MinerBehaviour behaviour() {
        return switch (this) {
            case FALSE_CLAIMS -> new MinerBehaviour.FalseClaims(Simulation.FALSE_CLAIMS_PER_ROUND);
            case PREMINED -> new MinerBehaviour.Premined();
            case COPY_MODEL -> new MinerBehaviour.CopyModel();
            case STALE_MODEL -> new MinerBehaviour.StaleModel();
            case LATE_COMMIT -> new MinerBehaviour.LateCommit(FINE_TUNE_STEPS);
            case BAD_SHARD -> new MinerBehaviour.ForgedReveal();
            case WITHHOLD_MODEL -> new MinerBehaviour.WithholdModel();
            case SILENT_REQUESTER -> new MinerBehaviour.Honest();
        };
    }

    static Adversary parse(String flag) {
        return Arrays.stream(values())
                .filter(a -> a.flag.equals(flag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown adversary '" + flag + "': this build has "
                        + Arrays.stream(values()).map(Adversary::flag).toList()));
    }
}
