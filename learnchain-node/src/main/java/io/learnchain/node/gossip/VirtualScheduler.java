package io.learnchain.node.gossip;

import io.learnchain.node.clock.Clock;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A virtual clock with a discrete-event queue: tasks run in (due time, insertion order), so a run
 * is a pure function of its seed. Also the nodes' {@link Clock}. Single-threaded. The simulation's
 * clock, and the one in-memory network tests run on.
 */
public final class VirtualScheduler implements Scheduler, Clock {
    private record Event(long due, long seq, Runnable task) {}

    private final PriorityQueue<Event> queue =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;
    private long executed;

    public VirtualScheduler(long startMillis) {
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
        if (delayMillis < 0) {
            throw new IllegalArgumentException("a delay must be >= 0, got " + delayMillis);
        }
        queue.add(new Event(now + delayMillis, seq++, task));
    }

    /** A view whose new tasks are dropped once {@code open} turns false (to wind miners down). */
    public Scheduler gated(BooleanSupplier open) {
        return new Scheduler() {
            @Override
            public long nowMillis() {
                return now;
            }

            @Override
            public void after(long delayMillis, Runnable task) {
                if (open.getAsBoolean()) {
                    VirtualScheduler.this.after(delayMillis, () -> {
                        if (open.getAsBoolean()) {
                            task.run();
                        }
                    });
                }
            }
        };
    }

    /** Runs the next event; false when none is left or the next is past {@code limitMillis}. */
    public boolean step(long limitMillis) {
        Event e = queue.peek();
        if (e == null || e.due > limitMillis) {
            return false;
        }
        queue.poll();
        now = Math.max(now, e.due);
        executed++;
        e.task.run();
        return true;
    }

    public long executed() {
        return executed;
    }

    public boolean idle() {
        return queue.isEmpty();
    }

    /** Runs events until {@code done} holds; false if {@code maxMillis} of virtual time pass first. */
    public boolean runUntil(BooleanSupplier done, long maxMillis) {
        long limit = now + maxMillis;
        while (!done.getAsBoolean()) {
            if (!step(limit)) {
                return false;
            }
        }
        return true;
    }

    /** Runs every event due in the next {@code millis}, then sets the clock to their end. */
    public void runFor(long millis) {
        long limit = now + millis;
        runUntil(() -> false, millis);
        now = Math.max(now, limit);
    }
}
