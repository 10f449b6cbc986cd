package io.learnchain.node.p2p;

import io.learnchain.node.clock.Clock;
import io.learnchain.node.pole.Scheduler;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/** A virtual clock with an event queue for in-memory network tests: runs are pure functions of their seeds. */
final class TestScheduler implements Scheduler, Clock {
    private record Event(long due, long seq, Runnable task) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    TestScheduler(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public void after(long delayMillis, Runnable task) {
        queue.add(new Event(now + Math.max(0, delayMillis), seq++, task));
    }

    /** Runs events until {@code done} holds; false if {@code maxMillis} of virtual time pass first. */
    boolean runUntil(BooleanSupplier done, long maxMillis) {
        long limit = now + maxMillis;
        while (!done.getAsBoolean()) {
            Event e = queue.peek();
            if (e == null || e.due > limit) {
                return false;
            }
            queue.poll();
            now = Math.max(now, e.due);
            e.task.run();
        }
        return true;
    }

    /** Runs every event due in the next {@code millis}. */
    void runFor(long millis) {
        long limit = now + millis;
        runUntil(() -> false, millis);
        now = Math.max(now, limit);
    }
}
