package io.learnchain.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chain database's record formats outlive the process: round trips, committed vectors, mutations. */
class StoreRecordCodecTest {
    static final BlockInfo INFO = new BlockInfo(
            Hash.sha256("block".getBytes()), Hash.sha256("parent".getBytes()), Height.of(42), 1_763_737_000L, 7, 99);
    static final TipRecord TIP = new TipRecord(Hash.sha256("tip".getBytes()), Height.of(42));
    static final TxLocation LOCATION = new TxLocation(Hash.sha256("block".getBytes()), Height.of(42), 3);
    static final UndoRecord UNDO = new UndoRecord(List.of(
            new UndoRecord.Change(Bytes.of(new byte[] {1, 2, 3}), Optional.of(Bytes.of(new byte[] {9, 9}))),
            new UndoRecord.Change(Bytes.of(new byte[] {4, 5, 6}), Optional.empty())));
    /** Version 2: a block that posted task 2 (absent before) and changed task 1; next id was 2. */
    static final UndoRecord UNDO_TASKS = new UndoRecord(
            UNDO.changes(),
            List.of(
                    new UndoRecord.Change(
                            Bytes.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}), Optional.of(Bytes.of(new byte[] {7}))),
                    new UndoRecord.Change(Bytes.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 2}), Optional.empty())),
            2);

    static Map<String, byte[]> encodings() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("block_info", INFO.encode());
        out.put("tip", TIP.encode());
        out.put("tx_location", LOCATION.encode());
        out.put("undo", UNDO.encode());
        out.put("undo_tasks", UNDO_TASKS.encode());
        return out;
    }

    @Test
    void roundTripsEveryRecord() {
        assertThat(BlockInfo.decode(INFO.encode())).isEqualTo(INFO);
        assertThat(TipRecord.decode(TIP.encode())).isEqualTo(TIP);
        assertThat(TxLocation.decode(LOCATION.encode())).isEqualTo(LOCATION);
        assertThat(UndoRecord.decode(UNDO.encode())).isEqualTo(UNDO);
        assertThat(UndoRecord.decode(UNDO_TASKS.encode())).isEqualTo(UNDO_TASKS);
    }

    @Test
    void encodesExactlyAsTheCommittedVectors() throws IOException {
        Map<String, String> vectors = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/store-records-v1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("=", 2);
                    vectors.put(parts[0].strip(), parts[1].strip());
                }
            }
        }
        encodings()
                .forEach((name, bytes) ->
                        assertThat(Bytes.wrap(bytes).toHex()).as(name).isEqualTo(vectors.get(name)));
        assertThat(BlockInfo.decode(Bytes.fromHex(vectors.get("block_info")).toArray()))
                .isEqualTo(INFO);
        assertThat(UndoRecord.decode(Bytes.fromHex(vectors.get("undo")).toArray()))
                .isEqualTo(UNDO);
        assertThat(UndoRecord.decode(Bytes.fromHex(vectors.get("undo_tasks")).toArray()))
                .isEqualTo(UNDO_TASKS);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 0xBADC0DE})
    void mutatedRecordsThrowOnlyCodecException(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Map<String, Function<byte[], Object>> decoders = Map.of(
                "block_info",
                BlockInfo::decode,
                "tip",
                TipRecord::decode,
                "tx_location",
                TxLocation::decode,
                "undo",
                UndoRecord::decode,
                "undo_tasks",
                UndoRecord::decode);
        encodings().forEach((name, good) -> {
            for (int i = 0; i < 2_000; i++) {
                byte[] bad = Mutations.mutate(good, rng);
                assertThatCode(() -> {
                            try {
                                decoders.get(name).apply(bad);
                            } catch (CodecException expected) {
                                // the only failure a decoder may report
                            }
                        })
                        .as(
                                "seed %d, %s, mutation %d: %s",
                                seed, name, i, Bytes.wrap(bad).toHex())
                        .doesNotThrowAnyException();
            }
        });
    }

    static void main() {
        encodings()
                .forEach((name, bytes) ->
                        System.out.println(name + " = " + Bytes.wrap(bytes).toHex()));
    }
}
