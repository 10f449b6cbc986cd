package io.learnchain.node.p2p;

import io.learnchain.node.p2p.wire.PeerAddress;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The listen addresses this node knows and shares (issue 18, item 9). An address is <em>tried</em>
 * when this node has seen a peer there (a handshake, or {@code --peer}) and <em>heard of</em> when
 * it only came in another peer's {@code Peers} list. Heard-of addresses are held in buckets by the
 * host that told them, at most {@value #PER_SOURCE} per host, and are forgotten after
 * {@value #HEARD_OF_TTL_MILLIS} ms unless heard again; tried ones after {@value #TRIED_TTL_MILLIS} ms
 * without a handshake. When the book is full a heard-of address makes room only by pushing out the
 * stalest address of the fullest bucket, never a tried one, so one peer's list of junk can fill its
 * own bucket and nothing else. Mutated on the scheduler thread, read from any.
 */
final class AddressBook {
    static final int CAPACITY = 1_000;
    static final int PER_SOURCE = 32;
    static final long HEARD_OF_TTL_MILLIS = 60 * 60 * 1000L;
    static final long TRIED_TTL_MILLIS = 7 * 24 * 60 * 60 * 1000L;

    private record Entry(PeerAddress address, String source, boolean tried, long lastSeenMillis) {}

    private final Map<PeerAddress, Entry> entries = new LinkedHashMap<>();

    /** A peer was seen at {@code address} (its handshake, or the operator's {@code --peer}). */
    synchronized void tried(PeerAddress address, long nowMillis) {
        if (!entries.containsKey(address) && entries.size() >= CAPACITY && !evictHeardOf()) {
            evictStalest(entries.values().stream());
        }
        entries.put(address, new Entry(address, "", true, nowMillis));
    }

    /** {@code address} came in a {@code Peers} list from a peer at host {@code source}. */
    synchronized void heardOf(PeerAddress address, String source, long nowMillis) {
        Entry known = entries.get(address);
        if (known != null) {
            if (!known.tried()) {
                entries.put(address, new Entry(address, known.source(), false, nowMillis));
            }
            return;
        }
        if (bucket(source).count() >= PER_SOURCE) {
            evictStalest(bucket(source));
        } else if (entries.size() >= CAPACITY && !evictHeardOf()) {
            return; // every address is one this node has seen: keep them
        }
        entries.put(address, new Entry(address, source, false, nowMillis));
    }

    /** Forgets heard-of addresses not heard again within the hour and tried ones unseen for a week. */
    synchronized void expire(long nowMillis) {
        entries.values()
                .removeIf(e -> nowMillis - e.lastSeenMillis() > (e.tried() ? TRIED_TTL_MILLIS : HEARD_OF_TTL_MILLIS));
    }

    /** Up to {@code max} addresses to share: tried ones first, then the most recently heard of. */
    synchronized List<PeerAddress> share(int max) {
        return entries.values().stream()
                .sorted(Comparator.comparing((Entry e) -> !e.tried())
                        .thenComparing(
                                Comparator.comparingLong(Entry::lastSeenMillis).reversed()))
                .limit(max)
                .map(Entry::address)
                .toList();
    }

    synchronized List<PeerAddress> all() {
        return entries.keySet().stream().toList();
    }

    synchronized int size() {
        return entries.size();
    }

    private Stream<Entry> bucket(String source) {
        return entries.values().stream().filter(e -> !e.tried() && e.source().equals(source));
    }

    /** Pushes out the stalest heard-of address of the fullest bucket; false when there is none. */
    private boolean evictHeardOf() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        entries.values().stream().filter(e -> !e.tried()).forEach(e -> sizes.merge(e.source(), 1L, Long::sum));
        return sizes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(fullest -> {
                    evictStalest(bucket(fullest.getKey()));
                    return true;
                })
                .orElse(false);
    }

    private void evictStalest(Stream<Entry> among) {
        among.min(Comparator.comparingLong(Entry::lastSeenMillis))
                .map(Entry::address)
                .ifPresent(entries::remove);
    }

    /** The host of "host:port" or "[v6]:port"; an address without a port is its own host. */
    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0
                || address.startsWith("[") && !address.substring(0, colon).endsWith("]")) {
            return address;
        }
        return address.substring(0, colon);
    }
}
