package io.learnchain.cli.simulate;

import java.util.Arrays;

/** Misbehaving node kinds (SCENARIOS.md D16-D20) the simulation can field. */
enum Adversary {
    /** Sends 50 candidates per round claiming more than its model reaches. */
    FALSE_CLAIMS("false-claims"),
    /** Trains for another parent (a model prepared in advance) and commits it without the accuracy check. */
    PREMINED("premined"),
    /** Never reveals its shard: its rounds must be forfeited and the chain must go on. */
    SILENT_REQUESTER("silent-requester");

    private final String flag;

    Adversary(String flag) {
        this.flag = flag;
    }

    String flag() {
        return flag;
    }

    static Adversary parse(String flag) {
        return Arrays.stream(values()).filter(a -> a.flag.equals(flag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown adversary '" + flag + "': this build has "
                        + Arrays.stream(values()).map(Adversary::flag).toList()));
    }
}
