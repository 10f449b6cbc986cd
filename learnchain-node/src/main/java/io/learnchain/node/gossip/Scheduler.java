package io.learnchain.node.gossip;

/**
 * Time and deferred work for the pole roles, as a port: the roles own no threads and read no
 * clock. The simulation implements it with a virtual clock and a discrete-event queue; a real
 * node with the system clock and one worker thread (tasks run one at a time, in time order).
 */
public interface Scheduler {
    /** Milliseconds since the Unix epoch on this scheduler's clock. */
    long nowMillis();

    /** Runs {@code task} {@code delayMillis} from now (>= 0), after the tasks due earlier. */
    void after(long delayMillis, Runnable task);

    default long nowSeconds() {
        return Math.floorDiv(nowMillis(), 1000L);
    }
}
