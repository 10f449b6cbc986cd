package io.learnchain.node.gossip;

import io.learnchain.node.clock.Clock;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real node's {@link Scheduler}: the node's {@link Clock} and ONE platform worker thread that
 * runs the tasks in (due time, submission order), one at a time, so the pole roles need no locks.
 * Long work (training) is split by its owner into short tasks, so messages interleave. A task that
 * throws is logged and the worker goes on. {@link #close()} stops the worker after the task it is
 * running and drops the rest.
 */
public final class WorkerScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerScheduler.class);
    /** Longest sleep between clock reads (a manual clock in tests moves without waking the worker). */
    private static final long MAX_WAIT_MILLIS = 100;

    private record Task(long due, long seq, Runnable body) {}

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task> queue =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final Thread worker;
    private long seq;
    private boolean closed;

    public WorkerScheduler(String name, Clock clock) {
        this.clock = clock;
        this.worker = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        worker.start();
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public void after(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("a delay must be >= 0, got " + delayMillis);
        }
        long due = clock.millis() + delayMillis;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            queue.add(new Task(due, seq++, task));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} on the worker (after the tasks due now) and waits for its result, at most
     * {@code timeoutMillis}; its exception is rethrown as it was when unchecked.
     *
     * @throws IllegalStateException when the scheduler is closed or the wait timed out
     */
    public <T> T call(Callable<T> work, long timeoutMillis) {
        if (Thread.currentThread() == worker) {
            throw new IllegalStateException("call() from the worker itself would wait for itself");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        after(0, () -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the node's pole worker did not run the request within " + timeoutMillis
                            + " ms (closed or busy); try again",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pole worker", e);
        }
    }

    /** Tasks waiting (tests, metrics). */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            Task next = take();
            if (next == null) {
                return;
            }
            try {
                next.body.run();
            } catch (RuntimeException e) {
                LOG.error("a pole task failed; the node goes on", e);
            }
        }
    }

    /** The next due task, or null once closed. */
    private Task take() {
        lock.lock();
        try {
            while (!closed) {
                Task head = queue.peek();
                long wait = head == null ? MAX_WAIT_MILLIS : head.due - clock.millis();
                if (head != null && wait <= 0) {
                    return queue.poll();
                }
                changed.await(Math.min(wait, MAX_WAIT_MILLIS), TimeUnit.MILLISECONDS);
            }
            return null;
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the worker once its current task ends (waits up to 30 s) and drops the waiting tasks. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != worker) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                LOG.warn("the pole worker is still running a task 30 s after close");
            }
        }
    }
}
