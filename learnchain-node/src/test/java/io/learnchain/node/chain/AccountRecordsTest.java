package io.learnchain.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.learnchain.base.Amount;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.state.Account;
import org.junit.jupiter.api.Test;

class AccountRecordsTest {
    private static final Account ACCOUNT = new Account(Amount.ofUnits(123_456_789L), 5, 2);
    /** Schema version 1; never change (a stored database must keep loading). */
    private static final String VECTOR = "0115cd5b070000000005000000000000000200000000000000";

    @Test
    void encodesAsTheCommittedVectorAndRoundTrips() {
        assertThat(AccountRecords.encode(ACCOUNT).toHex()).isEqualTo(VECTOR);
        assertThat(AccountRecords.decode(Bytes.fromHex(VECTOR))).isEqualTo(ACCOUNT);
    }

    @Test
    void mutatedRecordsThrowOnlyCodecException() {
        SplitMix64 rng = new SplitMix64(7);
        byte[] good = AccountRecords.encode(ACCOUNT).toArray();
        for (int i = 0; i < 5_000; i++) {
            byte[] bad = Mutations.mutate(good, rng);
            assertThatCode(() -> {
                        try {
                            AccountRecords.decode(Bytes.wrap(bad));
                        } catch (CodecException expected) {
                            // the only failure allowed
                        }
                    })
                    .as("seed 7, mutation %d: %s", i, Bytes.wrap(bad).toHex())
                    .doesNotThrowAnyException();
        }
    }
}
