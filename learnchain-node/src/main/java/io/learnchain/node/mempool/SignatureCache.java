package io.learnchain.node.mempool;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.tx.SignedTransaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the hashes of transactions whose signature verified, so a transaction checked when it
 * entered the mempool is not verified again when its block connects. A transaction hash covers
 * body and signature, so a hit means these exact bytes verified before; verdicts never depend on
 * the cache. Bounded (least recently used out); thread-safe.
 */
public final class SignatureCache implements SignatureVerifier {
    private final Map<Hash, Boolean> verified;
    private long hits;
    private long misses;

    public SignatureCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("signature cache capacity must be positive, got " + capacity);
        }
        this.verified = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public boolean verify(SignedTransaction tx) {
        Hash hash = tx.hash();
        synchronized (this) {
            if (verified.get(hash) != null) {
                hits++;
                return true;
            }
            misses++;
        }
        boolean ok = SignatureVerifier.ED25519.verify(tx);
        if (ok) {
            synchronized (this) {
                verified.put(hash, Boolean.TRUE);
            }
        }
        return ok;
    }

    /** Header signatures too, keyed by SHA-256(header hash, signature): a hit means these exact bytes verified. */
    @Override
    public boolean verifyHeader(BlockHeader header) {
        Hash key = headerKey(header);
        synchronized (this) {
            if (verified.get(key) != null) {
                hits++;
                return true;
            }
            misses++;
        }
        boolean ok = header.hasValidSignature();
        if (ok) {
            synchronized (this) {
                verified.put(key, Boolean.TRUE);
            }
        }
        return ok;
    }

    @Override
    public void signedHere(BlockHeader header) {
        Hash key = headerKey(header);
        synchronized (this) {
            verified.put(key, Boolean.TRUE);
        }
    }

    private static Hash headerKey(BlockHeader header) {
        return Hash.sha256(header.hash().toArray(), header.signature().bytes().toArray());
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }
}
