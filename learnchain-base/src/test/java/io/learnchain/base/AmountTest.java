package io.learnchain.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {

    @ParameterizedTest
    @CsvSource({
        "0,0",
        "1,100000000",
        "12.5,1250000000",
        "0.00000001,1",
        "92233720368.54775807,9223372036854775807",
        "3.10000000,310000000"
    })
    void parsesDecimalCoins(String text, long units) {
        assertThat(Amount.parse(text).units()).isEqualTo(units);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "100000000,1", "1250000000,12.5", "1,0.00000001", "9223372036854775807,92233720368.54775807"})
    void printsCoinsWithoutTrailingZeros(long units, String text) {
        assertThat(Amount.ofUnits(units)).hasToString(text);
        assertThat(Amount.parse(text).units()).isEqualTo(units);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.", ".5", "1.000000001", "1e3", "1,5", " 1", "92233720368.54775808", "+2"})
    void rejectsMalformedOrOversizedText(String text) {
        assertThatThrownBy(() -> Amount.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount");
    }

    @Test
    void rejectsNegativeUnits() {
        assertThatThrownBy(() -> Amount.ofUnits(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void addDetectsOverflow() {
        assertThat(Amount.ofUnits(2).add(Amount.ofUnits(3))).isEqualTo(Amount.ofUnits(5));
        assertThatThrownBy(() -> Amount.MAX.add(Amount.ofUnits(1)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void subtractDetectsUnderflow() {
        assertThat(Amount.ofUnits(5).subtract(Amount.ofUnits(5))).isEqualTo(Amount.ZERO);
        assertThatThrownBy(() -> Amount.ofUnits(1).subtract(Amount.ofUnits(2)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("underflow");
    }

    @Test
    void multiplyAndOfCoinsDetectOverflow() {
        assertThat(Amount.ofCoins(3).multiply(2)).isEqualTo(Amount.ofCoins(6));
        assertThatThrownBy(() -> Amount.ofUnits(Long.MAX_VALUE / 2 + 1).multiply(2))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amount.ofCoins(Long.MAX_VALUE / Amount.UNITS_PER_COIN + 1))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void heightAdvancesAndRejectsNegative() {
        assertThat(Height.GENESIS.next().next()).isEqualTo(Height.of(2));
        assertThatThrownBy(() -> Height.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
