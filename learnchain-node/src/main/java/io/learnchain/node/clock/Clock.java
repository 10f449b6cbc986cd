package io.learnchain.node.clock;

/**
 * The node's source of wall-clock time: a port, so the miner and block timestamps can run on a
 * {@link ManualClock} in tests and simulations.
 */
public interface Clock {

    /** Milliseconds since the Unix epoch. */
    long millis();

    /** Whole seconds since the Unix epoch, the unit of block timestamps. */
    default long seconds() {
        return Math.floorDiv(millis(), 1000L);
    }

    /** The JVM's clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
