package io.learnchain.base.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.base.rng.SplitMix64;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalCodecTest {

    /** A composite test type that uses every reader method. */
    record Sample(
            int version,
            Address to,
            Amount amount,
            Height height,
            PublicKey key,
            Signature sig,
            Hash hash,
            String memo,
            List<Bytes> blobs,
            boolean flag) {}

    static final Codec<Sample> SAMPLE = new Codec<>() {
        @Override
        public void write(Sample s, CanonicalWriter out) {
            out.u8(1)
                    .address(s.to())
                    .amount(s.amount())
                    .height(s.height())
                    .publicKey(s.key())
                    .signature(s.sig())
                    .hash(s.hash())
                    .string(s.memo())
                    .list(s.blobs(), (b, w) -> w.bytes(b))
                    .bool(s.flag());
        }

        @Override
        public Sample read(CanonicalReader in) {
            in.version(1, "sample");
            return new Sample(
                    1,
                    in.address(),
                    in.amount(),
                    in.height(),
                    in.publicKey(),
                    in.signature(),
                    in.hash(),
                    in.string(64),
                    in.list(8, 4, r -> r.bytesValue(16)),
                    in.bool());
        }
    };

    static Sample sample() {
        KeyPair keys = KeyPair.fromSeed(new byte[32]);
        return new Sample(
                1,
                Address.of(keys.publicKey()),
                Amount.ofCoins(7),
                Height.of(42),
                keys.publicKey(),
                keys.sign(new byte[] {9}),
                Hash.sha256(new byte[] {1}),
                "héllo",
                List.of(Bytes.of(new byte[] {1, 2}), Bytes.EMPTY),
                true);
    }

    @Test
    void roundTripsEveryFieldKind() {
        Sample s = sample();
        byte[] bytes = SAMPLE.encode(s);
        assertThat(SAMPLE.decode(bytes)).isEqualTo(s);
        assertThat(SAMPLE.encode(SAMPLE.decode(bytes))).isEqualTo(bytes);
    }

    @Test
    void writesLittleEndianFixedWidthIntegers() {
        byte[] bytes =
                new CanonicalWriter().i32(0x01020304).i64(0x0102030405060708L).toByteArray();
        assertThat(Bytes.of(bytes).toHex()).isEqualTo("040302010807060504030201");
        CanonicalReader in = new CanonicalReader(bytes);
        assertThat(in.i32()).isEqualTo(0x01020304);
        assertThat(in.i64()).isEqualTo(0x0102030405060708L);
        in.expectEnd();
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] bytes = SAMPLE.encode(sample());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> SAMPLE.decode(longer))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void refusesHugeLengthBeforeAllocating() {
        byte[] hostile = new CanonicalWriter().i32(Integer.MAX_VALUE).toByteArray(); // 2 GiB claimed, 0 present
        assertThatThrownBy(() -> new CanonicalReader(hostile).bytes(Integer.MAX_VALUE))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("truncated");
        byte[] overLimit = new CanonicalWriter().bytes(new byte[17]).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(overLimit).bytes(16))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("exceeds the limit 16");
        byte[] manyItems = new CanonicalWriter().i32(1_000_000).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(manyItems).list(Integer.MAX_VALUE, 8, CanonicalReader::i64))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsInvalidUtf8AndBooleans() {
        byte[] badUtf8 = new CanonicalWriter().bytes(new byte[] {(byte) 0xC3}).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(badUtf8).string(10)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> new CanonicalReader(new byte[] {2}).bool()).isInstanceOf(CodecException.class);
        byte[] negative = new CanonicalWriter().i64(-5).toByteArray();
        assertThatThrownBy(() -> new CanonicalReader(negative).amount()).isInstanceOf(CodecException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void mutatedBytesOnlyEverRaiseCodecException(long seed) {
        byte[] good = SAMPLE.encode(sample());
        SplitMix64 rng = new SplitMix64(seed);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bad = Mutations.mutate(good, rng);
            try {
                SAMPLE.decode(bad);
            } catch (CodecException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "seed " + seed + " trial " + trial + ": "
                                + Bytes.of(bad).toHex(),
                        e);
            }
        }
    }
}
