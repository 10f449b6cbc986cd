package io.learnchain.chain.pow;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.IdleProof;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DifficultyTest {

    @Test
    void targetIsMaxHashOverDifficulty() {
        assertThat(Difficulty.target(1)).containsOnly((byte) 0xFF);
        byte[] t2 = Difficulty.target(2);
        assertThat(t2[0]).isEqualTo((byte) 0x7F);
        assertThat(new BigInteger(1, Difficulty.target(1000)))
                .isEqualTo(
                        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).divide(BigInteger.valueOf(1000)));
        assertThat(Difficulty.meets(Hash.fromHex("7f" + "ff".repeat(31)), 2)).isTrue();
        assertThat(Difficulty.meets(Hash.fromHex("80" + "00".repeat(31)), 2)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "1000,10,10,1000",
        "1000,0,10,1142",
        "1000,60,10,615",
        "1000,1000000,10,615",
        "1000,-50,10,1142",
        "1,60,10,1",
        "1000,20,10,888"
    })
    void adjustsTowardTheTargetInterval(long parent, long dt, long target, long expected) {
        assertThat(Difficulty.next(parent, dt, target)).isEqualTo(expected);
    }

    @Test
    void convergesToTheTargetIntervalUnderSteadyHashRate() {
        // A miner doing H hashes per second takes D/H seconds per block on average; iterate the expectation.
        long hashesPerSecond = 5000;
        long d = 10;
        for (int i = 0; i < 400; i++) {
            d = Difficulty.next(d, d / hashesPerSecond, 10);
        }
        assertThat(d / hashesPerSecond).isBetween(9L, 11L);
    }

    @Test
    void sealerFindsANonceThatMeetsTheDifficulty() {
        BlockHeader template = new BlockHeader(
                1,
                Height.of(1),
                Hash.ZERO,
                5,
                ChainFixture.KEYS[0].publicKey(),
                Hash.ZERO,
                Hash.ZERO,
                new IdleProof(4096, 0),
                Signature.NONE);
        BlockHeader sealed = IdleSealer.seal(template, 0, 1_000_000).orElseThrow();
        assertThat(IdleSealer.hasValidWork(sealed)).isTrue();
        long nonce = ((IdleProof) sealed.proof()).nonce();
        assertThat(IdleSealer.seal(template, 0, nonce))
                .as("no earlier nonce works")
                .isEmpty();
        assertThat(IdleSealer.seal(template, nonce, 1)).contains(sealed);
        assertThat(Amount.ZERO).isNotNull();
    }
}
