package io.learnchain.base;

/** A block height: 0 is genesis. */
public record Height(long value) implements Comparable<Height> {
    public static final Height GENESIS = new Height(0);

    public Height {
        if (value < 0) {
            throw new IllegalArgumentException("a height cannot be negative, got " + value);
        }
    }

    public static Height of(long value) {
        return new Height(value);
    }

    public Height next() {
        return new Height(Math.addExact(value, 1));
    }

    public boolean isGenesis() {
        return value == 0;
    }

    @Override
    public int compareTo(Height other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
