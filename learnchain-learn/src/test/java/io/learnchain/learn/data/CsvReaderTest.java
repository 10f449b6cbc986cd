package io.learnchain.learn.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsLabelFirstRowsSkippingHeaderAndBlankLines() {
        String csv = "label,a,b\n1, 0.5,2\n\n0,-0.0,1e-3\r\n2,3,4\n";
        Dataset d = CsvReader.read("t", csv.getBytes(UTF_8), "t.csv");
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.sampleShape()).containsExactly(2);
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.labels()).containsExactly(1, 0, 2);
        assertThat(d.features()).containsExactly(0.5f, 2f, 0f, 1e-3f, 3f, 4f);
        assertThat(Float.floatToRawIntBits(d.features()[2])).isZero();
    }

    @Test
    void usesGivenClassCountAndChecksLabels() {
        Dataset d = CsvReader.read("t", new ByteArrayInputStream("0,1\n".getBytes(UTF_8)), "t.csv", 10);
        assertThat(d.classes()).isEqualTo(10);
        assertThatThrownBy(() -> CsvReader.read("t", new ByteArrayInputStream("10,1\n".getBytes(UTF_8)), "t.csv", 10))
                .hasMessage("t.csv: line 1: label 10 is outside [0, 10)");
    }

    @Test
    void rejectsRaggedRowsWithLineNumber() {
        assertThatThrownBy(() -> CsvReader.read("t", "1,2,3\n0,1\n".getBytes(UTF_8), "f.csv"))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessage("f.csv: line 2: 1 features, but earlier rows have 2");
    }

    @Test
    void rejectsNonNumbersAndNonFinite() {
        assertThatThrownBy(() -> CsvReader.read("t", "1,2,x\n".getBytes(UTF_8), "f.csv"))
                .hasMessage("f.csv: line 1, column 3: 'x' is not a number");
        assertThatThrownBy(() -> CsvReader.read("t", "1,NaN\n".getBytes(UTF_8), "f.csv"))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> CsvReader.read("t", "1,2\n-1,2\n".getBytes(UTF_8), "f.csv"))
                .hasMessageContaining("line 2: label '-1' is not a non-negative integer");
    }

    @Test
    void rejectsEmptyAndBinaryInput() {
        assertThatThrownBy(() -> CsvReader.read("t", "a,b\n".getBytes(UTF_8), "f.csv"))
                .hasMessageContaining("no data rows");
        assertThatThrownBy(() -> CsvReader.read("t", new byte[] {0x1f, (byte) 0x8b, (byte) 0xff, (byte) 0xfe}, "f.csv"))
                .isInstanceOf(MalformedDatasetException.class);
    }
}
