package io.learnchain.node.p2p;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peers banned for a while, by ban key (address) or node id; expired entries are dropped when read.
 * Bounded: at {@value #MAX_ENTRIES} entries a new ban evicts the one that would lapse first, so a
 * flood of fresh identities never lifts an earlier, longer ban (the list used to be cleared whole).
 * Thread-safe.
 */
public final class BanList {
    /** Why and until when (milliseconds on the node's clock). */
    public record Ban(String reason, long untilMillis) {}

    static final int MAX_ENTRIES = 10_000;
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();

    public synchronized void ban(String key, String reason, long untilMillis) {
        if (bans.size() >= MAX_ENTRIES && !bans.containsKey(key)) {
            String first = null;
            long earliest = Long.MAX_VALUE;
            for (Map.Entry<String, Ban> e : bans.entrySet()) {
                if (e.getValue().untilMillis() < earliest) {
                    earliest = e.getValue().untilMillis();
                    first = e.getKey();
                }
            }
            if (first != null) {
                bans.remove(first);
            }
        }
        bans.merge(key, new Ban(reason, untilMillis), (a, b) -> a.untilMillis >= b.untilMillis ? a : b);
    }

    public boolean isBanned(String key, long nowMillis) {
        Ban ban = bans.get(key);
        if (ban == null) {
            return false;
        }
        if (ban.untilMillis <= nowMillis) {
            bans.remove(key, ban);
            return false;
        }
        return true;
    }

    /** A copy of the current entries (for the API and tests). */
    public Map<String, Ban> entries() {
        return Map.copyOf(bans);
    }
}
