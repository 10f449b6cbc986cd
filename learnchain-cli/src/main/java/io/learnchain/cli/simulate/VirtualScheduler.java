package io.learnchain.cli.simulate;

import io.learnchain.node.clock.Clock;
import io.learnchain.node.pole.Scheduler;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A virtual clock with a discrete-event queue: tasks run in (due time, insertion order), so a run
 * is a pure function of its seed. Also the nodes' {@link Clock}. Single-threaded.
 */
final class VirtualScheduler implements Scheduler, Clock {
    private record Event(long due, long seq, Runnable task) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;
    private long executed;

    VirtualScheduler(long startMillis) {
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
    Scheduler gated(BooleanSupplier open) {
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
    boolean step(long limitMillis) {
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

    long executed() {
        return executed;
    }

    boolean idle() {
        return queue.isEmpty();
    }
}
