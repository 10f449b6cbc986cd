package io.learnchain.node.p2p;

import io.learnchain.node.clock.Clock;
import io.learnchain.node.gossip.Scheduler;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real node's {@link Scheduler}: one worker thread running tasks in due-time order on the
 * node's {@link Clock}, so the peer service, the chain imports it triggers and the pole roles never
 * run concurrently. A task that throws is logged and the worker goes on.
 */
public final class SingleThreadScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadScheduler.class);
    private final Clock clock;
    private final ScheduledExecutorService executor;

    public SingleThreadScheduler(String name, Clock clock) {
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public void after(long delayMillis, Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        try {
            executor.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.error("a node task failed: {}", e.toString(), e);
                        }
                    },
                    Math.max(0, delayMillis),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("task dropped: the scheduler is shutting down");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
