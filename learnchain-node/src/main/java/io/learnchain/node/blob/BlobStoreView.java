package io.learnchain.node.blob;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.learn.data.Dataset;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's {@link BlobView} over this node's {@link BlobStore}, with a small cache of decoded
 * data sets (decoding a 60,000-image training set for every candidate would cost more than the
 * evaluation) and of derived ones (a private round's decryption, {@link #derived}). A blob that cannot be read, or is damaged, reads as missing: the block waits
 * (undecided), it is never judged on bad local data. Thread-safe.
 */
public final class BlobStoreView implements BlobView {
    private static final Logger LOG = LoggerFactory.getLogger(BlobStoreView.class);
    /** Decoded data sets kept: a task's training set and a few shards. */
    public static final int DEFAULT_DATASETS = 4;

    private final BlobStore store;
    private final Map<Hash, Dataset> datasets;

    public BlobStoreView(BlobStore store, int maxDatasets) {
        if (maxDatasets < 0) {
            throw new IllegalArgumentException("the decoded data set cache size must be >= 0, got " + maxDatasets);
        }
        this.store = store;
        this.datasets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Dataset> eldest) {
                return size() > maxDatasets;
            }
        };
    }

    public BlobStoreView(BlobStore store) {
        this(store, DEFAULT_DATASETS);
    }

    @Override
    public Optional<byte[]> get(Hash hash) {
        try {
            return store.get(hash);
        } catch (CorruptBlobException e) {
            LOG.error("{}; the block that needs it waits until a sound copy is fetched", e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            LOG.error("blob {} could not be read ({}); the block that needs it waits", hash.shortHex(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> getUnverified(Hash hash) {
        try {
            return store.getUnverified(hash);
        } catch (IOException e) {
            LOG.error("blob {} could not be read ({}); the block that needs it waits", hash.shortHex(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Dataset> dataset(Hash hash) {
        synchronized (datasets) {
            Dataset cached = datasets.get(hash);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Dataset> decoded = BlobView.super.dataset(hash);
        decoded.ifPresent(d -> {
            synchronized (datasets) {
                datasets.put(hash, d);
            }
        });
        return decoded;
    }

    /**
     * A derived data set (a private round's decrypted training set, PROTOCOL.md 3.9), kept in the
     * same cache as the decoded ones: a round's candidates share one decryption. Its key names a
     * pure function of blobs (domain-separated from blob hashes); a computation that throws is not
     * kept.
     */
    @Override
    public Dataset derived(Hash key, Supplier<Dataset> derive) {
        synchronized (datasets) {
            Dataset cached = datasets.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Dataset computed = derive.get();
        synchronized (datasets) {
            datasets.put(key, computed);
        }
        return computed;
    }

    /** How many decoded data sets are cached now (tests, metrics). */
    public int cachedDatasets() {
        synchronized (datasets) {
            return datasets.size();
        }
    }
}
