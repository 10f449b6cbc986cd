package io.learnchain.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.dqn.DqnEventFields;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.pole.PoleEventFields;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events at /api/v1/events: {@code block} (a block connected), {@code reorg} (the
 * chain switched branches), {@code transaction} (a transaction entered the mempool) and
 * {@code pole} (what the proof-of-learning roles did; the payload's {@code event} says what), each
 * with a JSON payload; a {@code hello} event with the tip on connect, and a comment line every 15 s
 * (Jetty closes connections idle for 30 s).
 */
public final class EventRoutes implements ApiRoutes {
    private static final long HEARTBEAT_MILLIS = 15_000;
    private final EventBus events;
    private final ChainService chain;
    private final ObjectMapper mapper = ApiJson.create();
    private final AtomicLong clients = new AtomicLong();

    public EventRoutes(EventBus events, ChainService chain) {
        this.events = events;
        this.chain = chain;
    }

    @Override
    public void register(Javalin app) {
        app.sse("/api/v1/events", this::connect);
    }

    private void connect(SseClient client) {
        client.keepAlive();
        // subscribe before reading the tip, so no event after the hello's tip is lost; events wait for the hello
        CountDownLatch helloSent = new CountDownLatch(1);
        EventBus.Subscription subscription = events.subscribe("sse-" + clients.incrementAndGet(), event -> {
            try {
                helloSent.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("SSE delivery interrupted", e);
            }
            if (client.terminated()) {
                throw new IllegalStateException("SSE client went away");
            }
            send(client, name(event), json(payload(event)));
        });
        var head = chain.head();
        send(
                client,
                "hello",
                json(Map.of(
                        "height", head.height().value(), "tipHash", head.hash().toHex())));
        helloSent.countDown();
        Thread heartbeat = Thread.ofVirtual().name("sse-heartbeat").start(() -> heartbeat(client));
        client.onClose(() -> {
            subscription.close();
            heartbeat.interrupt();
        });
    }

    /** A comment line every {@link #HEARTBEAT_MILLIS} so idle timeouts and proxies keep the stream open. */
    private static void heartbeat(SseClient client) {
        try {
            while (!client.terminated()) {
                Thread.sleep(HEARTBEAT_MILLIS);
                synchronized (client) {
                    client.sendComment("keep-alive");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(SseClient client, String event, String data) {
        synchronized (client) {
            client.sendEvent(event, data);
        }
    }

    static String name(NodeEvent event) {
        return switch (event) {
            case NodeEvent.BlockConnected b -> "block";
            case NodeEvent.Reorganized r -> "reorg";
            case NodeEvent.TransactionAccepted t -> "transaction";
            case NodeEvent.Pole p -> "pole";
            case NodeEvent.Dqn d -> "dqn";
        };
    }

    static Map<String, Object> payload(NodeEvent event) {
        return switch (event) {
            case NodeEvent.BlockConnected b ->
                Map.of(
                        "hash",
                        b.hash().toHex(),
                        "height",
                        b.height().value(),
                        "previous",
                        b.parent().toHex(),
                        "transactions",
                        b.transactions(),
                        "timestamp",
                        b.timestampSeconds());
            case NodeEvent.Reorganized r ->
                Map.of(
                        "oldTip",
                        r.oldTip().toHex(),
                        "newTip",
                        r.newTip().toHex(),
                        "forkHeight",
                        r.forkPoint().value(),
                        "disconnected",
                        r.disconnected(),
                        "connected",
                        r.connected(),
                        "transactionsReturned",
                        r.transactionsReturned());
            case NodeEvent.TransactionAccepted t ->
                Map.of(
                        "hash",
                        t.hash().toHex(),
                        "from",
                        t.sender(),
                        "nonce",
                        t.nonce(),
                        "feeUnits",
                        Long.toString(t.feeUnits()));
            case NodeEvent.Pole p -> PoleEventFields.of(p.event());
            case NodeEvent.Dqn d -> DqnEventFields.of(d.event());
        };
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event", e);
        }
    }
}
