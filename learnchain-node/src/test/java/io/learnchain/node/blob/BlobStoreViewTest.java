package io.learnchain.node.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BlobStoreViewTest {

    static byte[] dataset(String name) {
        return DatasetCodec.encode(new Dataset(name, new int[] {2}, 2, new float[] {0, 1, 1, 0}, new int[] {0, 1}));
    }

    @Test
    void servesStoredBlobsAndReportsMissingOnesAsEmpty() throws Exception {
        try (InMemoryBlobStore store = new InMemoryBlobStore(1 << 20)) {
            Hash h = store.put(new byte[] {1, 2, 3});
            BlobStoreView view = new BlobStoreView(store);
            assertThat(view.get(h)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
            assertThat(view.get(Hash.sha256(new byte[] {9}))).isEmpty();
            assertThat(view.dataset(Hash.sha256(new byte[] {9}))).isEmpty();
        }
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfDecodedDatasets() throws Exception {
        try (InMemoryBlobStore store = new InMemoryBlobStore(1 << 20)) {
            BlobStoreView view = new BlobStoreView(store, 2);
            Hash a = store.put(dataset("a"));
            Hash b = store.put(dataset("b"));
            Hash c = store.put(dataset("c"));
            Dataset first = view.dataset(a).orElseThrow();
            assertThat(view.dataset(a).orElseThrow()).isSameAs(first);
            view.dataset(b);
            view.dataset(c);
            assertThat(view.cachedDatasets()).isEqualTo(2);
            assertThat(view.dataset(a).orElseThrow()).isNotSameAs(first).isEqualTo(first);
        }
    }

    @Test
    void derivesADatasetOncePerKeyAndKeepsNoFailure() throws Exception {
        try (InMemoryBlobStore store = new InMemoryBlobStore(1 << 20)) {
            BlobStoreView view = new BlobStoreView(store, 2);
            AtomicInteger runs = new AtomicInteger();
            Hash round = Hash.sha256(new byte[] {1});
            Supplier<Dataset> decrypt = () -> {
                runs.incrementAndGet();
                return DatasetCodec.decode(dataset("round"), "round");
            };
            Dataset first = view.derived(round, decrypt);
            assertThat(view.derived(round, decrypt)).isSameAs(first);
            assertThat(runs).hasValue(1);
            view.derived(Hash.sha256(new byte[] {2}), decrypt);
            assertThat(runs).hasValue(2);
            Hash failing = Hash.sha256(new byte[] {3});
            assertThatThrownBy(() -> view.derived(failing, () -> {
                        throw new IllegalArgumentException("a ciphertext does not decode");
                    }))
                    .hasMessageContaining("does not decode");
            assertThat(view.derived(failing, decrypt)).isEqualTo(first);
        }
    }
}
