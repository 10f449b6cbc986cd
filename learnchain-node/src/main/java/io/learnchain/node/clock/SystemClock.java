package io.learnchain.node.clock;

/** {@link Clock} backed by {@link System#currentTimeMillis()}. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
