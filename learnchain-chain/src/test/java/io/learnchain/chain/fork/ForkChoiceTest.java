package io.learnchain.chain.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import org.junit.jupiter.api.Test;

class ForkChoiceTest {
    private static final Hash LOW = Hash.fromHex("01".repeat(32));
    private static final Hash HIGH = Hash.fromHex("02".repeat(32));

    private static ChainSummary chain(long height, long tip, long sum, Hash hash) {
        return new ChainSummary(Height.of(height), tip, sum, hash);
    }

    @Test
    void longerChainWinsWhateverTheScores() {
        assertThat(ForkChoice.isBetter(chain(11, 0, 0, HIGH), chain(10, 900, 9000, LOW)))
                .isTrue();
    }

    @Test
    void atEqualHeightHigherTipScoreThenSummedScoreThenLowerHashWins() {
        assertThat(ForkChoice.isBetter(chain(10, 901, 0, HIGH), chain(10, 900, 9000, LOW)))
                .isTrue();
        assertThat(ForkChoice.isBetter(chain(10, 900, 9001, HIGH), chain(10, 900, 9000, LOW)))
                .isTrue();
        assertThat(ForkChoice.isBetter(chain(10, 900, 9000, LOW), chain(10, 900, 9000, HIGH)))
                .isTrue();
        assertThat(ForkChoice.isBetter(chain(10, 900, 9000, HIGH), chain(10, 900, 9000, LOW)))
                .isFalse();
        assertThat(ForkChoice.isBetter(chain(10, 900, 9000, LOW), chain(10, 900, 9000, LOW)))
                .isFalse();
    }

    @Test
    void refusesAReorgDeeperThanTheLimit() {
        ChainSummary current = chain(200, 0, 0, LOW);
        ChainSummary candidate = chain(201, 0, 0, HIGH);
        assertThat(ForkChoice.choose(current, candidate, Height.of(100), 100)).isEqualTo(ForkChoice.Decision.SWITCH);
        assertThat(ForkChoice.choose(current, candidate, Height.of(99), 100))
                .isEqualTo(ForkChoice.Decision.REFUSE_TOO_DEEP);
        assertThat(ForkChoice.choose(candidate, current, Height.of(150), 100)).isEqualTo(ForkChoice.Decision.KEEP);
    }

    /** On a dqn chain a better score wins at equal height only against a sibling; deeper, only a longer branch. */
    @Test
    void dqnTiesAreDecidedOnlyAmongSiblings() {
        ChainSummary current = chain(200, 100, 0, LOW);
        ChainSummary sameHeightBetter = chain(200, 900, 0, HIGH);
        assertThat(ForkChoice.choose(current, sameHeightBetter, Height.of(199), 100, true))
                .isEqualTo(ForkChoice.Decision.SWITCH);
        assertThat(ForkChoice.choose(current, sameHeightBetter, Height.of(198), 100, true))
                .isEqualTo(ForkChoice.Decision.KEEP);
        assertThat(ForkChoice.choose(current, sameHeightBetter, Height.of(150), 100, false))
                .as("control: the pole order switches")
                .isEqualTo(ForkChoice.Decision.SWITCH);
        assertThat(ForkChoice.choose(current, chain(201, 0, 0, HIGH), Height.of(150), 100, true))
                .isEqualTo(ForkChoice.Decision.SWITCH);
    }

    @Test
    void extendAccumulatesScores() {
        ChainSummary g = ChainSummary.genesis(LOW);
        ChainSummary two = g.extend(HIGH, 5).extend(LOW, 7);
        assertThat(two).isEqualTo(chain(2, 7, 12, LOW));
    }
}
