package io.learnchain.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.learn.data.CsvReader;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.IdxReader;
import io.learnchain.learn.data.MalformedDatasetException;
import io.learnchain.learn.format.FormatException;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireLimits;
import java.util.function.Function;

/**
 * Coverage-guided fuzz targets for every decoder that reads bytes from outside (issue 18, E22):
 * peer frames, blocks, transactions, genesis records, model files and data sets. Each must either
 * decode or refuse with its own exception; a canonical codec must give back exactly the bytes it
 * decoded (two encodings of one value would let a peer re-encode blocks and transactions).
 *
 * <p>{@code ./mvnw verify} replays the committed inputs under
 * {@code src/test/resources/io/learnchain/node/fuzz/DecoderFuzzTestInputs/<target>/} (seeds, inputs
 * the fuzzer kept, and every crash it found, as a regression case). To fuzz one target:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl learnchain-node test -Dtest='DecoderFuzzTest#wireFrame'}
 * (docs/scenarios.md E22).
 */
class DecoderFuzzTest {
    private static final WireCodec WIRE = new WireCodec(WireLimits.DEFAULT);

    @FuzzTest(maxDuration = "60s")
    void wireFrame(byte[] frame) {
        canonical(frame, WIRE::decode, WIRE::encode);
    }

    @FuzzTest(maxDuration = "60s")
    void block(byte[] bytes) {
        canonical(bytes, BlockCodec.BLOCK);
    }

    @FuzzTest(maxDuration = "60s")
    void transaction(byte[] bytes) {
        canonical(bytes, TransactionCodec.INSTANCE);
    }

    @FuzzTest(maxDuration = "60s")
    void genesis(byte[] bytes) {
        canonical(bytes, GenesisCodec.INSTANCE);
    }

    @FuzzTest(maxDuration = "60s")
    void modelFile(byte[] bytes) {
        try {
            ModelSafetensors.read(bytes, "fuzz");
        } catch (FormatException expected) {
            // refused with a reason: fine
        }
    }

    @FuzzTest(maxDuration = "60s")
    void dataset(byte[] bytes) {
        try {
            assertThat(DatasetCodec.encode(DatasetCodec.decode(bytes, "fuzz"))).isEqualTo(bytes);
        } catch (MalformedDatasetException expected) {
            // refused with a reason: fine
        }
    }

    @FuzzTest(maxDuration = "60s")
    void idxFile(byte[] bytes) {
        try {
            IdxReader.read(bytes, "fuzz");
        } catch (MalformedDatasetException expected) {
            // refused with a reason: fine
        }
    }

    @FuzzTest(maxDuration = "60s")
    void csvFile(byte[] bytes) {
        try {
            CsvReader.read("fuzz", bytes, "fuzz");
        } catch (MalformedDatasetException expected) {
            // refused with a reason: fine
        }
    }

    private static <T> void canonical(byte[] bytes, Codec<T> codec) {
        canonical(bytes, codec::decode, codec::encode);
    }

    private static <T> void canonical(byte[] bytes, Function<byte[], T> decode, Function<T, byte[]> encode) {
        T value;
        try {
            value = decode.apply(bytes);
        } catch (CodecException expected) {
            return; // refused with a reason: fine
        }
        assertThat(encode.apply(value))
                .as("the one encoding of what was decoded")
                .isEqualTo(bytes);
    }
}
