package io.learnchain.chain.genesis;

/**
 * How fork choice ranks competing dqn chains of equal length (paper 000's options, a genesis
 * switch): {@link #LAST_REWARD} (option a) prefers the higher reward of the tip block,
 * {@link #REWARD_SUM} (option b) the higher sum of rewards over the whole chain.
 */
public enum ForkOption {
    LAST_REWARD("a"),
    REWARD_SUM("b");

    private final String letter;

    ForkOption(String letter) {
        this.letter = letter;
    }

    /** The genesis spelling: "a" or "b". */
    public String letter() {
        return letter;
    }

    public static ForkOption of(String letter) {
        for (ForkOption o : values()) {
            if (o.letter.equals(letter)) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "unknown dqn fork-choice option '" + letter + "': use a (last reward) or b (reward sum)");
    }
}
