package io.learnchain.node.clock;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link Clock} that moves only when told to: for tests and simulations. Thread-safe. */
public final class ManualClock implements Clock {
    private final AtomicLong millis;

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** Moves the clock forward by {@code deltaMillis} (never backwards). */
    public void advance(long deltaMillis) {
        if (deltaMillis < 0) {
            throw new IllegalArgumentException("a clock only moves forward, got a step of " + deltaMillis + " ms");
        }
        millis.addAndGet(deltaMillis);
    }

    public void advanceSeconds(long seconds) {
        advance(Math.multiplyExact(seconds, 1000L));
    }
}
