package io.learnchain.chain.codec;

import static io.learnchain.chain.ChainFixture.address;
import static io.learnchain.chain.ChainFixture.genesisTip;
import static io.learnchain.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.pole.PoleFixture;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.state.WorldStateCodec;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trip and seeded mutation tests for every chain codec: a mutated encoding may only raise CodecException. */
class ChainCodecTest {
    private static final int MUTATIONS = 4000;

    record Case<T>(String name, Codec<T> codec, T value) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final PoleFixture POLE = new PoleFixture();
    private static final ChainTip POLE_TIP = POLE.withTask();
    private static final Block POLE_BLOCK =
            POLE.honest(POLE_TIP, PoleFixture.MINER, 1, 40, 1).block();

    static Block sampleBlock() {
        return ChainFixture.mine(
                genesisTip(),
                List.of(
                        transfer(0, address(1), Amount.ofCoins(2), Amount.ofUnits(500), 0),
                        transfer(1, address(2), Amount.parse("0.5"), Amount.ZERO, 0)));
    }

    static Stream<Case<?>> cases() {
        Block block = sampleBlock();
        return Stream.of(
                new Case<Transaction>(
                        "signed transfer",
                        TransactionCodec.INSTANCE,
                        block.transactions().get(1)),
                new Case<Transaction>(
                        "coinbase",
                        TransactionCodec.INSTANCE,
                        new Coinbase(Height.of(9), address(0), Amount.ofCoins(50))),
                new Case<>("header", BlockCodec.HEADER, block.header()),
                new Case<>("block", BlockCodec.BLOCK, block),
                new Case<>("genesis", GenesisCodec.INSTANCE, ChainFixture.GENESIS),
                new Case<>("world state", WorldStateCodec.INSTANCE, ChainFixture.GENESIS.initialState()),
                new Case<Transaction>("post task", TransactionCodec.INSTANCE, POLE.postTask(0)),
                new Case<Transaction>("cancel task", TransactionCodec.INSTANCE, POLE.cancel(1, 3, 2)),
                new Case<Transaction>(
                        "reveal shard",
                        TransactionCodec.INSTANCE,
                        POLE_BLOCK.transactions().getLast()),
                new Case<Transaction>("work fraud", TransactionCodec.INSTANCE, PrivateTaskPayloads.plainFraud()),
                new Case<Transaction>(
                        "work fraud with round keys", TransactionCodec.INSTANCE, PrivateTaskPayloads.keyedFraud()),
                new Case<>("pole header", BlockCodec.HEADER, POLE_BLOCK.header()),
                new Case<>("pole block", BlockCodec.BLOCK, POLE_BLOCK),
                new Case<>(
                        "forfeit header",
                        BlockCodec.HEADER,
                        POLE.forfeit(POLE_TIP, List.of()).header()),
                new Case<>("commitment", Commitment.CODEC, Commitment.of(POLE.rules.chainId(), POLE_BLOCK)),
                new Case<>(
                        "world state with tasks",
                        WorldStateCodec.INSTANCE,
                        POLE.connect(POLE_TIP, POLE_BLOCK).state()));
    }

    static Stream<Arguments> casesWithSeeds() {
        return cases().flatMap(c -> Stream.of(11L, 12L).map(seed -> Arguments.of(c, seed)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    <T> void roundTripsExactly(Case<T> c) {
        byte[] bytes = c.codec().encode(c.value());
        T decoded = c.codec().decode(bytes);
        assertThat(decoded).isEqualTo(c.value());
        assertThat(c.codec().encode(decoded)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("casesWithSeeds")
    <T> void mutatedBytesOnlyRaiseCodecException(Case<T> c, long seed) {
        byte[] good = c.codec().encode(c.value());
        SplitMix64 rng = new SplitMix64(seed);
        int decodedFine = 0;
        for (int trial = 0; trial < MUTATIONS; trial++) {
            byte[] bad = Mutations.mutate(good, rng);
            try {
                T value = c.codec().decode(bad);
                // A mutation that still decodes must re-encode to exactly those bytes (one encoding per value).
                assertThat(c.codec().encode(value))
                        .as("%s seed %d trial %d", c, seed, trial)
                        .isEqualTo(bad);
                decodedFine++;
            } catch (CodecException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                throw new AssertionError(
                        c + " seed " + seed + " trial " + trial + ": "
                                + Bytes.of(bad).toHex(),
                        e);
            }
        }
        assertThat(decodedFine).as("some mutations of %s must be rejected", c).isLessThan(MUTATIONS);
    }
}
