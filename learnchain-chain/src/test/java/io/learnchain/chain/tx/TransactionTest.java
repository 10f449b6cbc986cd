package io.learnchain.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.ChainFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private static final TxBody BODY = new TxBody(
            ChainFixture.RULES.chainId(),
            ChainFixture.KEYS[0].publicKey(),
            4,
            Amount.ofUnits(100),
            new Transfer(ChainFixture.address(1), Amount.ofCoins(3)));

    @Test
    void refusesToSignWithSomeoneElsesKey() {
        assertThatThrownBy(() -> SignedTransaction.sign(BODY, ChainFixture.KEYS[1]))
                .hasMessageContaining("is not the transaction's sender");
    }

    @Test
    void signatureCoversEveryField() {
        SignedTransaction tx = SignedTransaction.sign(BODY, ChainFixture.KEYS[0]);
        assertThat(tx.hasValidSignature()).isTrue();
        List<TxBody> altered = List.of(
                new TxBody(Hash.ZERO, BODY.sender(), 4, BODY.fee(), BODY.payload()),
                new TxBody(BODY.chainId(), ChainFixture.KEYS[1].publicKey(), 4, BODY.fee(), BODY.payload()),
                new TxBody(BODY.chainId(), BODY.sender(), 5, BODY.fee(), BODY.payload()),
                new TxBody(BODY.chainId(), BODY.sender(), 4, Amount.ofUnits(99), BODY.payload()),
                new TxBody(
                        BODY.chainId(),
                        BODY.sender(),
                        4,
                        BODY.fee(),
                        new Transfer(ChainFixture.address(2), Amount.ofCoins(3))),
                new TxBody(
                        BODY.chainId(),
                        BODY.sender(),
                        4,
                        BODY.fee(),
                        new Transfer(ChainFixture.address(1), Amount.ofCoins(4))));
        for (TxBody body : altered) {
            assertThat(new SignedTransaction(body, tx.signature()).hasValidSignature())
                    .as(body.toString())
                    .isFalse();
        }
    }

    @Test
    void hashIdentifiesTheSignedTransaction() {
        SignedTransaction tx = SignedTransaction.sign(BODY, ChainFixture.KEYS[0]);
        assertThat(tx.hash())
                .isEqualTo(SignedTransaction.sign(BODY, ChainFixture.KEYS[0]).hash());
        assertThat(tx.hash()).isEqualTo(Hash.sha256(TransactionCodec.INSTANCE.encode(tx)));
        Coinbase a = new Coinbase(Height.of(1), ChainFixture.address(0), Amount.ofCoins(50));
        Coinbase b = new Coinbase(Height.of(2), ChainFixture.address(0), Amount.ofCoins(50));
        assertThat(a.hash()).isNotEqualTo(b.hash());
    }

    @Test
    void aRevealListsAtMost256DistinctCommitmentsAndRoundTripsThem() {
        List<WitnessedCommitment> full = java.util.stream.IntStream.range(0, RevealShard.MAX_WITNESSED)
                .mapToObj(i -> new WitnessedCommitment(
                        Hash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}), Hash.sha256(new byte[] {(byte) (i % 3)})))
                .toList();
        RevealShard reveal = new RevealShard(1, Hash.ZERO, 0, Hash.ZERO, full);
        SignedTransaction tx = SignedTransaction.sign(
                new TxBody(BODY.chainId(), BODY.sender(), 0, Amount.ZERO, reveal), ChainFixture.KEYS[0]);
        SignedTransaction back =
                (SignedTransaction) TransactionCodec.INSTANCE.decode(TransactionCodec.INSTANCE.encode(tx));
        assertThat(((RevealShard) back.body().payload()).witnessed()).isEqualTo(full);
        assertThat(reveal.firstCommitterOf(Hash.sha256(new byte[] {1}))).contains(full.get(1));
        assertThat(reveal.lists(full.getLast().id())).isTrue();
        assertThat(reveal.lists(Hash.ZERO)).isFalse();

        List<WitnessedCommitment> tooMany = new java.util.ArrayList<>(full);
        tooMany.add(new WitnessedCommitment(Hash.ZERO, Hash.ZERO));
        assertThatThrownBy(() -> new RevealShard(1, Hash.ZERO, 0, Hash.ZERO, tooMany))
                .hasMessageContaining("at most 256");
        assertThatThrownBy(() -> new RevealShard(1, Hash.ZERO, 0, Hash.ZERO, List.of(full.get(0), full.get(0))))
                .hasMessageContaining("listed twice");
        // a decoder meets the same limits before it allocates
        byte[] encoded = TransactionCodec.INSTANCE.encode(SignedTransaction.sign(
                new TxBody(
                        BODY.chainId(),
                        BODY.sender(),
                        0,
                        Amount.ZERO,
                        new RevealShard(1, Hash.ZERO, 0, Hash.ZERO, List.of(full.get(0), full.get(1)))),
                ChainFixture.KEYS[0]));
        byte[] twice = encoded.clone();
        int second = indexOf(twice, full.get(1).id().toArray());
        System.arraycopy(full.get(0).id().toArray(), 0, twice, second, 32);
        assertThatThrownBy(() -> TransactionCodec.INSTANCE.decode(twice)).hasMessageContaining("listed twice");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
