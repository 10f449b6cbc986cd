package io.learnchain.chain.codec;

import static io.learnchain.chain.ChainFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.Codec;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Committed encodings (src/test/resources/vectors/encodings.txt, rows {@code name hex sha256}) of
 * a transfer, a coinbase, a header, a block, the devnet genesis, a private task's PostTask, a
 * reveal carrying a private round's keys and a fraud proof carrying them (issue 20). These bytes are consensus:
 * they must keep decoding to the same values and hashing the same.
 */
class EncodingVectorsTest {

    record Sample<T>(Codec<T> codec, T value) {
        byte[] bytes() {
            return codec.encode(value);
        }
    }

    static Map<String, Sample<?>> samples() {
        Block block = ChainCodecTest.sampleBlock();
        Map<String, Sample<?>> out = new LinkedHashMap<>();
        out.put(
                "tx.transfer",
                new Sample<Transaction>(
                        TransactionCodec.INSTANCE, block.transactions().get(1)));
        out.put(
                "tx.coinbase",
                new Sample<Transaction>(
                        TransactionCodec.INSTANCE, new Coinbase(Height.of(7), address(2), Amount.parse("50.125"))));
        out.put("header.idle", new Sample<>(BlockCodec.HEADER, block.header()));
        out.put("block.idle", new Sample<>(BlockCodec.BLOCK, block));
        out.put("genesis.devnet4", new Sample<Genesis>(GenesisCodec.INSTANCE, ChainFixture.GENESIS));
        out.put(
                "tx.post-private-task",
                new Sample<Transaction>(TransactionCodec.INSTANCE, PrivateTaskPayloads.postPrivateTask()));
        out.put(
                "tx.reveal-with-round-keys",
                new Sample<Transaction>(TransactionCodec.INSTANCE, PrivateTaskPayloads.keyedReveal()));
        out.put(
                "tx.work-fraud-with-round-keys",
                new Sample<Transaction>(TransactionCodec.INSTANCE, PrivateTaskPayloads.keyedFraud()));
        return out;
    }

    @Test
    void committedEncodingsDecodeAndHashTheSame() throws IOException {
        List<String[]> rows;
        try (InputStream in = getClass().getResourceAsStream("/vectors/encodings.txt")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
        Map<String, Sample<?>> samples = samples();
        assertThat(rows).extracting(r -> r[0]).containsExactlyElementsOf(samples.keySet());
        for (String[] row : rows) {
            check(samples.get(row[0]), row);
        }
    }

    private static <T> void check(Sample<T> sample, String[] row) {
        byte[] committed = Bytes.fromHex(row[1]).toArray();
        assertThat(Bytes.of(sample.bytes()).toHex()).as(row[0]).isEqualTo(row[1]);
        assertThat(sample.codec().decode(committed)).as(row[0]).isEqualTo(sample.value());
        assertThat(Hash.sha256(committed).toHex()).as(row[0]).isEqualTo(row[2]);
    }

    @Test
    void blockHashIsTheHashOfTheHeaderWithoutSignature() {
        Block block = ChainCodecTest.sampleBlock();
        byte[] full = BlockCodec.HEADER.encode(block.header());
        byte[] unsigned = Arrays.copyOf(full, full.length - 64);
        assertThat(block.hash()).isEqualTo(Hash.sha256(unsigned));
        assertThat(ChainFixture.GENESIS.chainId()).isEqualTo(Hash.sha256(ChainFixture.GENESIS.canonicalBytes()));
    }

    @Test
    @EnabledIfSystemProperty(named = "learnchain.writeVectors", matches = ".+")
    void writesVectors() throws IOException {
        StringBuilder sb = new StringBuilder("# name canonical-hex sha256-of-the-bytes (block hash = sha256 of the "
                + "header bytes minus the last 64, the signature)\n");
        for (var e : samples().entrySet()) {
            byte[] bytes = e.getValue().bytes();
            sb.append(e.getKey())
                    .append(' ')
                    .append(Bytes.of(bytes).toHex())
                    .append(' ')
                    .append(Hash.sha256(bytes).toHex())
                    .append('\n');
        }
        Path dir = Path.of(System.getProperty("learnchain.writeVectors")).getParent();
        Files.writeString(dir.resolve("encodings.txt"), sb.toString());
    }
}
