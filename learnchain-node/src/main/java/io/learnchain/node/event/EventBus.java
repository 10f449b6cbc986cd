package io.learnchain.node.event;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans node events out to subscribers (SSE clients, metrics, logs) without letting a slow
 * subscriber hold up block connection: each subscriber has a bounded queue drained by its own
 * virtual thread; one that falls {@code capacity} events behind is dropped.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final int capacity;

    public EventBus(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("event queue capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Delivers every later event to {@code consumer}, in order, on a thread of its own. */
    public Subscription subscribe(String name, Consumer<NodeEvent> consumer) {
        Subscription subscription = new Subscription(name, new ArrayBlockingQueue<>(capacity), consumer);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /** Queues {@code event} for every subscriber; never blocks. */
    public void publish(NodeEvent event) {
        for (Subscription s : subscriptions) {
            if (!s.queue.offer(event)) {
                LOG.warn("event subscriber '{}' fell {} events behind and was dropped", s.name, capacity);
                s.close();
            }
        }
    }

    public int subscriberCount() {
        return subscriptions.size();
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
    }

    /** One subscriber's queue and delivery thread; close it to stop delivery. */
    public final class Subscription implements AutoCloseable {
        private final String name;
        private final BlockingQueue<NodeEvent> queue;
        private final Consumer<NodeEvent> consumer;
        private volatile Thread thread;
        private volatile boolean closed;

        private Subscription(String name, BlockingQueue<NodeEvent> queue, Consumer<NodeEvent> consumer) {
            this.name = name;
            this.queue = queue;
            this.consumer = consumer;
        }

        private void start() {
            thread = Thread.ofVirtual().name("events-" + name).start(this::drain);
        }

        private void drain() {
            while (!closed) {
                NodeEvent event;
                try {
                    event = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    consumer.accept(event);
                } catch (RuntimeException e) {
                    LOG.debug("event subscriber '{}' failed on {}: {}; dropping it", name, event, e.toString());
                    close();
                }
            }
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
            subscriptions.remove(this);
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }
}
