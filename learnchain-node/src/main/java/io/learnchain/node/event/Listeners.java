package io.learnchain.node.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a service's events (task book-keeping, metrics), each called in turn on the
 * thread that raised the event. A listener that throws is logged and skipped: the service raises
 * events from the middle of its consensus work (a round's decision, a block's import), which must
 * run to its end whatever a listener does.
 */
public final class Listeners<E> {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String what;
    private final List<Consumer<E>> listeners = new CopyOnWriteArrayList<>();

    /** @param what the events, for the log ("pole events") */
    public Listeners(String what) {
        this.what = what;
    }

    public void add(Consumer<E> listener) {
        listeners.add(listener);
    }

    /** Calls every listener with {@code event}; never throws what a listener throws. */
    public void publish(E event) {
        for (Consumer<E> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.error("a listener of {} failed on {}; the node goes on", what, event, e);
            }
        }
    }
}
