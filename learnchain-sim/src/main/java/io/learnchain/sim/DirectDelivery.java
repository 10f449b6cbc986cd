package io.learnchain.sim;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The simulations' direct in-memory delivery: a broadcast reaches every other endpoint after a
 * seeded latency (base + uniform jitter up to the base, drawn per message and link in endpoint
 * order), through the {@link VirtualScheduler}. No message is lost. The draw order is part of
 * every simulation's determinism: changing it changes the tip hashes the tests pin.
 */
final class DirectDelivery {
    /** One receiving endpoint: the node's name and where its messages go. */
    private record Endpoint(String name, BiConsumer<String, GossipMessage> inbox) {}

    private final VirtualScheduler scheduler;
    private final long latencyMillis;
    private final SplitMix64 rng;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private long messages;

    DirectDelivery(VirtualScheduler scheduler, long latencyMillis, long seed) {
        this.scheduler = scheduler;
        this.latencyMillis = latencyMillis;
        this.rng = new SplitMix64(seed);
    }

    /** Adds the next endpoint (its index is the number added before it). */
    void add(String name, BiConsumer<String, GossipMessage> inbox) {
        endpoints.add(new Endpoint(name, inbox));
    }

    /** The port endpoint {@code index} sends through. */
    GossipNetwork port(int index) {
        return message -> send(index, message);
    }

    /** Schedules {@code message} from endpoint {@code from} to every other endpoint. */
    void send(int from, GossipMessage message) {
        String sender = endpoints.get(from).name();
        for (int to = 0; to < endpoints.size(); to++) {
            if (to == from) {
                continue;
            }
            long delay = latencyMillis + (latencyMillis == 0 ? 0 : rng.nextLong(latencyMillis + 1));
            BiConsumer<String, GossipMessage> inbox = endpoints.get(to).inbox();
            messages++;
            scheduler.after(delay, () -> inbox.accept(sender, message));
        }
    }

    /** Schedules {@code message} from endpoint {@code from} to endpoint {@code to} only. */
    void sendTo(int from, int to, GossipMessage message) {
        String sender = endpoints.get(from).name();
        long delay = latencyMillis + (latencyMillis == 0 ? 0 : rng.nextLong(latencyMillis + 1));
        BiConsumer<String, GossipMessage> inbox = endpoints.get(to).inbox();
        messages++;
        scheduler.after(delay, () -> inbox.accept(sender, message));
    }

    /** Messages scheduled so far (one per receiving endpoint). */
    long messages() {
        return messages;
    }
}
