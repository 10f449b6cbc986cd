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
}
