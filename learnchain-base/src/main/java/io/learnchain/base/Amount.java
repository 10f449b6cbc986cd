package io.learnchain.base;

import io.learnchain.base.bytes.Bytes;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A non-negative amount of base units. One coin is {@link #UNITS_PER_COIN} units. All arithmetic
 * is overflow-checked: a result outside [0, Long.MAX_VALUE] throws {@link ArithmeticException}
 * with a message that names both operands.
 */
public record Amount(long units) implements Comparable<Amount> {
    public static final long UNITS_PER_COIN = 100_000_000L;
    public static final int DECIMALS = 8;
    public static final Amount ZERO = new Amount(0);
    public static final Amount MAX = new Amount(Long.MAX_VALUE);

    public Amount {
        if (units < 0) {
            throw new IllegalArgumentException("an amount cannot be negative, got " + units + " units");
        }
    }

    public static Amount ofUnits(long units) {
        return units == 0 ? ZERO : new Amount(units);
    }

    public static Amount ofCoins(long coins) {
        try {
            return new Amount(Math.multiplyExact(coins, UNITS_PER_COIN));
        } catch (ArithmeticException e) {
            throw new ArithmeticException(coins + " coins overflow an amount (max " + MAX + " coins)");
        }
    }

    /**
     * Parses a decimal coin string such as {@code "12.5"} or {@code "0.00000001"}: digits, an
     * optional point and at most 8 decimals; no sign, exponent or grouping.
     */
    public static Amount parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.matches("[0-9]+(\\.[0-9]{1,8})?")) {
            throw new IllegalArgumentException("not an amount: '" + Bytes.abbreviate(text)
                    + "' (write coins as digits with at most 8 decimals, e.g. 12.5)");
        }
        try {
            return new Amount(new BigDecimal(text).movePointRight(DECIMALS).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount '" + Bytes.abbreviate(text) + "' is larger than the maximum " + MAX, e);
        }
    }

    public Amount add(Amount other) {
        try {
            return new Amount(Math.addExact(units, other.units));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("amount overflow: " + this + " + " + other + " exceeds " + MAX);
        }
    }

    public Amount subtract(Amount other) {
        if (other.units > units) {
            throw new ArithmeticException("amount underflow: " + this + " - " + other + " is negative");
        }
        return ofUnits(units - other.units);
    }

    public Amount multiply(long factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("cannot multiply an amount by a negative factor " + factor);
        }
        try {
            return ofUnits(Math.multiplyExact(units, factor));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("amount overflow: " + this + " x " + factor + " exceeds " + MAX);
        }
    }

    /** floor(this x percent / 100), without overflow (0 <= percent <= 100). */
    public Amount percent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a percentage is in [0, 100], got " + percent);
        }
        return ofUnits(units / 100 * percent + units % 100 * percent / 100);
    }

    public boolean isZero() {
        return units == 0;
    }

    public boolean isAtLeast(Amount other) {
        return units >= other.units;
    }

    @Override
    public int compareTo(Amount other) {
        return Long.compare(units, other.units);
    }

    /** Coins as a decimal string without trailing zeros: "12.5", "3", "0.00000001". */
    @Override
    public String toString() {
        long whole = units / UNITS_PER_COIN;
        long frac = units % UNITS_PER_COIN;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(frac + UNITS_PER_COIN).substring(1); // zero-padded, locale-free
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }
}
