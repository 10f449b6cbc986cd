package io.learnchain.learn.compute;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of worker threads that run independent tasks (whole output tiles) of one kernel call.
 * The only place of the deterministic core allowed to start threads.
 *
 * <p>Determinism contract: a caller splits its work into tasks that each write a disjoint set of
 * outputs and compute every output completely (the whole reduction, in a fixed order). Which thread
 * runs which task then cannot change any bit of the result, so the same call gives the same bits with
 * 1, 2 or 64 threads. Never hand a pool task a share of a reduction.
 *
 * <p>{@link #forEach} blocks until all tasks are done; the calling thread works too. Calls from
 * several threads at once are serialised; a call from inside a task runs inline. Close the pool to
 * stop its workers.
 */
public final class ComputePool implements AutoCloseable {
    private static final ComputePool SERIAL = new ComputePool(1);
    /** Short parks (0.2 ms each, about 0.5 s in all) before an idle worker parks until woken. */
    private static final int IDLE_PARKS = 2_500;

    private final int threads;
    private final Thread[] workers;
    private final Object callLock = new Object();
    private volatile Job job;
    private volatile boolean closed;
    private volatile Thread activeCaller;

    /** One forEach call: its own counters, so a late worker can never mix two calls. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        volatile RuntimeException failure;

        Job(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
            this.pending = new AtomicInteger(tasks);
        }
    }

    /** A pool of {@code threads} threads in all, the caller included ({@code threads - 1} workers). */
    public ComputePool(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("compute pool needs 1 to 1024 threads, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workLoop, "learnchain-compute-" + (i + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** A shared pool that runs everything on the calling thread. */
    public static ComputePool serial() {
        return SERIAL;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body.accept(i)} for every i in [0, tasks), spread over the pool; returns when all are done. */
    public void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (threads == 1 || tasks == 1 || insideTask()) {
            // A task that calls forEach again runs the inner tasks itself: no deadlock, same bits.
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        synchronized (callLock) {
            if (closed) {
                throw new IllegalStateException("compute pool is closed");
            }
            Job j = new Job(tasks, body, Thread.currentThread());
            job = j;
            activeCaller = Thread.currentThread();
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            runTasks(j);
            while (j.pending.get() > 0) {
                LockSupport.park(this);
            }
            job = null;
            activeCaller = null;
            RuntimeException f = j.failure;
            if (f != null) {
                throw f;
            }
        }
    }

    private boolean insideTask() {
        Thread t = Thread.currentThread();
        if (t == activeCaller) {
            return true;
        }
        for (Thread w : workers) {
            if (w == t) {
                return true;
            }
        }
        return false;
    }

    private void runTasks(Job j) {
        int i;
        while ((i = j.next.getAndIncrement()) < j.tasks) {
            try {
                j.body.accept(i);
            } catch (RuntimeException | Error e) {
                j.failure = e instanceof RuntimeException re ? re : new IllegalStateException("compute task failed", e);
            } finally {
                if (j.pending.decrementAndGet() == 0) {
                    LockSupport.unpark(j.caller);
                }
            }
        }
    }

    private void workLoop() {
        Job seen = null;
        int idle = 0;
        while (!closed) {
            Job j = job;
            if (j != null && j != seen) {
                seen = j;
                idle = 0;
                runTasks(j);
            } else {
                spinThenPark(seen, idle++ >= IDLE_PARKS);
            }
        }
    }

    /**
     * Spins, then parks 0.2 ms; after {@link #IDLE_PARKS} such parks without work (a pool between
     * training runs) parks until {@link #forEach} or {@link #close} unparks it, so an idle pool
     * costs no CPU.
     */
    private void spinThenPark(Job seen, boolean longIdle) {
        for (int spin = 0; spin < 2000; spin++) {
            Job j = job;
            if ((j != null && j != seen) || closed) {
                return;
            }
            Thread.onSpinWait();
        }
        if (longIdle) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, 200_000L);
        }
    }

    @Override
    public void close() {
        if (this == SERIAL) {
            return;
        }
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
