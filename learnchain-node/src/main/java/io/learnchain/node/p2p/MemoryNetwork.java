package io.learnchain.node.p2p;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.node.gossip.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory transport: links between {@link PeerService}s in one process whose frames arrive
 * through the {@link Scheduler} after a seeded latency (in order per direction, as on TCP). Tests
 * and the simulation use it with a virtual clock; the same peer code runs over Netty. Links can be
 * cut ({@link #partition}) and restored ({@link #heal}). Not thread-safe: use it from the scheduler.
 */
public final class MemoryNetwork {
    private final Scheduler scheduler;
    private final long latencyMillis;
    private final SplitMix64 rng;
    private final Map<String, PeerService> nodes = new LinkedHashMap<>();
    private final List<Pair> pairs = new ArrayList<>();
    private long frames;
    private long bytes;

    public MemoryNetwork(Scheduler scheduler, long latencyMillis, long seed) {
        this.scheduler = scheduler;
        this.latencyMillis = latencyMillis;
        this.rng = new SplitMix64(seed);
    }

    public void add(String name, PeerService service) {
        nodes.put(name, service);
    }

    /** Connects {@code from} to {@code to} ({@code from} dials, {@code to} accepts). */
    public void connect(String from, String to) {
        Pair pair = new Pair(from, to);
        pairs.add(pair);
        pair.open();
    }

    /** Connects every node to every other. */
    public void connectAll() {
        List<String> names = List.copyOf(nodes.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                connect(names.get(i), names.get(j));
            }
        }
    }

    /** Cuts every link between a node of {@code side} and a node outside it. */
    public void partition(Set<String> side) {
        for (Pair p : pairs) {
            if (side.contains(p.from) != side.contains(p.to)) {
                p.cut();
            }
        }
    }

    /** Re-opens every cut link. */
    public void heal() {
        pairs.stream().filter(p -> !p.open).forEach(Pair::open);
    }

    public long frames() {
        return frames;
    }

    public long bytes() {
        return bytes;
    }

    private long delay() {
        return latencyMillis == 0 ? 0 : latencyMillis + rng.nextLong(latencyMillis + 1);
    }

    /** Both directions of one connection; a new pair of links each time it opens. */
    private final class Pair {
        final String from;
        final String to;
        boolean open;
        Link out;
        Link in;

        Pair(String from, String to) {
            this.from = from;
            this.to = to;
        }

        void open() {
            open = true;
            out = new Link(from, to, false);
            in = new Link(to, from, true);
            out.other = in;
            in.other = out;
            nodes.get(from).onConnected(out);
            nodes.get(to).onConnected(in);
        }

        void cut() {
            open = false;
            out.close("partitioned");
        }
    }

    /** One end of a connection: {@code self}'s view of {@code remote}. */
    private final class Link implements PeerLink {
        final String self;
        final String remote;
        final boolean inbound;
        Link other;
        boolean closed;
        long lastDue;

        Link(String self, String remote, boolean inbound) {
            this.self = self;
            this.remote = remote;
            this.inbound = inbound;
        }

        @Override
        public String address() {
            return remote;
        }

        @Override
        public String banKey() {
            return remote;
        }

        @Override
        public boolean inbound() {
            return inbound;
        }

        @Override
        public void send(byte[] message) {
            if (closed) {
                return;
            }
            frames++;
            bytes += message.length;
            long due = Math.max(lastDue, scheduler.nowMillis() + delay());
            lastDue = due;
            Link target = other;
            scheduler.after(due - scheduler.nowMillis(), () -> {
                if (!target.closed) {
                    nodes.get(target.self).onMessage(target, message);
                }
            });
        }

        @Override
        public void close(String reason) {
            if (closed) {
                return;
            }
            closed = true;
            other.closed = true;
            nodes.get(self).onClosed(this);
            nodes.get(other.self).onClosed(other);
        }
    }
}
