package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.InvalidReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks found invalid, most recent kept, oldest forgotten beyond {@code capacity}: their
 * descendants are rejected without re-execution. Only invalid verdicts go here, never storage
 * failures or undecided blocks. Thread-safe.
 */
final class BadBlockCache {
    record BadBlock(InvalidReason reason, String detail) {}

    private final Map<Hash, BadBlock> entries;

    BadBlockCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, BadBlock> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(Hash hash, InvalidReason reason, String detail) {
        entries.put(hash, new BadBlock(reason, detail));
    }

    synchronized Optional<BadBlock> get(Hash hash) {
        return Optional.ofNullable(entries.get(hash));
    }

    synchronized int size() {
        return entries.size();
    }
}
