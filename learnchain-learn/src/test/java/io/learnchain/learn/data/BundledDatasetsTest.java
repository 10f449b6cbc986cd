package io.learnchain.learn.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BundledDatasetsTest {

    @ParameterizedTest
    @CsvSource({
        "train-images-idx3-ubyte.gz, 74df153e1d736137c085533200d77928ad1330a766dbfab0bc33ffdf137c8b83",
        "train-labels-idx1-ubyte.gz, 2f79ac363aa5db62f0fa8e5c6d76afd2f96e347af63b899a85be6c3f255bc024",
        "t10k-images-idx3-ubyte.gz, 04516f9d284037ea6cce7310aafaed77e8f8c1547f1127ef4aa754c46f47f8f5",
        "t10k-labels-idx1-ubyte.gz, 540f63e62544edb8406d1292429a47e6cdb42e4fa2eaa233f072b34e1f6bc46c"
    })
    void bundledFilesAreTheDocumentedOnes(String file, String sha256) throws IOException {
        try (InputStream in = BundledDatasets.class.getResourceAsStream("fashion-mnist-small/" + file)) {
            assertThat(in).isNotNull();
            assertThat(Hash.sha256(in.readAllBytes())).isEqualTo(Hash.fromHex(sha256));
        }
    }

    @Test
    void loadsClassBalancedTrainAndTestSplits() {
        Dataset train = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        assertThat(train.count()).isEqualTo(6000);
        assertThat(test.count()).isEqualTo(1000);
        assertThat(train.sampleShape()).containsExactly(1, 28, 28);
        assertThat(train.classes()).isEqualTo(10);
        int[] perClass = new int[10];
        for (int y : test.labels()) {
            perClass[y]++;
        }
        assertThat(perClass).containsOnly(100);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : train.features()) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }
}
