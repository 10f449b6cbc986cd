package io.learnchain.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MempoolTest {
    private static final Genesis GENESIS = Genesis.devnet();
    private static final Hash CHAIN = GENESIS.chainId();
    private static final WorldState STATE = GENESIS.initialState();
    private static final Address SINK = DevAccounts.address(9);

    private static final List<KeyPair> KEYS =
            IntStream.range(0, 10).mapToObj(DevAccounts::keys).toList();

    private static SignedTransaction tx(int account, long nonce, long feeUnits, long amountUnits) {
        return tx(CHAIN, KEYS.get(account), nonce, feeUnits, amountUnits);
    }

    private static SignedTransaction tx(Hash chain, KeyPair keys, long nonce, long feeUnits, long amountUnits) {
        TxBody body = new TxBody(
                chain,
                keys.publicKey(),
                nonce,
                Amount.ofUnits(feeUnits),
                new Transfer(SINK, Amount.ofUnits(amountUnits)));
        return SignedTransaction.sign(body, keys);
    }

    private static Mempool pool(MempoolConfig config) {
        return new Mempool(config, new AdmissionRules(ChainRules.of(GENESIS), SignatureVerifier.ED25519));
    }

    private static Mempool pool() {
        return pool(MempoolConfig.DEFAULT);
    }

    @Test
    void selectsHighestFeeFirstAcrossSenders() {
        Mempool pool = pool();
        SignedTransaction cheap = tx(0, 0, 10, 1);
        SignedTransaction dear = tx(1, 0, 500, 1);
        SignedTransaction middle = tx(2, 0, 100, 1);
        for (SignedTransaction t : List.of(cheap, dear, middle)) {
            assertThat(pool.add(t, STATE)).isInstanceOf(Admission.Accepted.class);
        }
        assertThat(pool.select(STATE, 10)).containsExactly(dear, middle, cheap);
        assertThat(pool.select(STATE, 2)).containsExactly(dear, middle);
    }

    @Test
    void keepsEachSendersNonceOrderEvenWhenLaterNoncePaysMore() {
        Mempool pool = pool();
        SignedTransaction first = tx(0, 0, 1, 1);
        SignedTransaction second = tx(0, 1, 900, 1);
        SignedTransaction other = tx(1, 0, 50, 1);
        pool.add(second, STATE);
        pool.add(first, STATE);
        pool.add(other, STATE);
        assertThat(pool.select(STATE, 10)).containsExactly(other, first, second);
    }

    @Test
    void leavesOutTransactionsAfterANonceGap() {
        Mempool pool = pool();
        SignedTransaction zero = tx(0, 0, 5, 1);
        SignedTransaction two = tx(0, 2, 5, 1);
        pool.add(zero, STATE);
        pool.add(two, STATE);
        assertThat(pool.select(STATE, 10)).containsExactly(zero);
        assertThat(pool.size()).isEqualTo(2);
    }

    @Test
    void rejectsBadSignatureWithActionableMessage() {
        SignedTransaction good = tx(0, 0, 5, 1);
        SignedTransaction forged =
                new SignedTransaction(good.body(), tx(1, 0, 5, 1).signature());
        Admission result = pool().add(forged, STATE);
        assertThat(result).isInstanceOfSatisfying(Admission.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Admission.Reason.BAD_SIGNATURE);
            assertThat(r.message()).contains("sender");
        });
    }

    @Test
    void rejectsTransactionOfAnotherChain() {
        Admission result = pool().add(tx(Hash.sha256(new byte[] {1}), DevAccounts.keys(0), 0, 5, 1), STATE);
        assertThat(result)
                .isInstanceOfSatisfying(
                        Admission.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Admission.Reason.WRONG_CHAIN));
    }

    @Test
    void rejectsTransferWhenNonceReplayed() {
        WorldState advanced =
                STATE.with(DevAccounts.address(0), new Account(STATE.balance(DevAccounts.address(0)), 3, 0));
        Admission result = pool().add(tx(0, 2, 5, 1), advanced);
        assertThat(result)
                .isInstanceOfSatisfying(
                        Admission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Admission.Reason.NONCE_TOO_LOW));
    }

    @Test
    void rejectsWhenBalanceCannotCoverQueuedTransactions() {
        KeyPair poor = KeyPair.fromSeed(new byte[32]);
        Address poorAddress = Address.of(poor.publicKey());
        WorldState state = STATE.with(poorAddress, Account.withBalance(Amount.ofUnits(100)));
        Mempool pool = pool();
        assertThat(pool.add(tx(CHAIN, poor, 0, 10, 50), state)).isInstanceOf(Admission.Accepted.class);
        assertThat(pool.add(tx(CHAIN, poor, 1, 10, 50), state))
                .isInstanceOfSatisfying(
                        Admission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Admission.Reason.INSUFFICIENT_FUNDS));
    }

    @Test
    void replacesSameNonceOnlyForHigherFee() {
        Mempool pool = pool();
        SignedTransaction original = tx(0, 0, 10, 1);
        pool.add(original, STATE);
        assertThat(pool.add(tx(0, 0, 10, 2), STATE))
                .isInstanceOfSatisfying(
                        Admission.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Admission.Reason.REPLACEMENT_UNDERPRICED));
        SignedTransaction bump = tx(0, 0, 11, 2);
        assertThat(pool.add(bump, STATE)).isInstanceOf(Admission.Accepted.class);
        assertThat(pool.select(STATE, 10)).containsExactly(bump);
        assertThat(pool.contains(original.hash())).isFalse();
    }

    @Test
    void evictsCheapestWhenFullAndRefusesCheaperStill() {
        Mempool pool = pool(new MempoolConfig(2, 8, 8, Amount.ZERO));
        SignedTransaction cheap = tx(0, 0, 5, 1);
        SignedTransaction mid = tx(1, 0, 20, 1);
        pool.add(cheap, STATE);
        pool.add(mid, STATE);
        assertThat(pool.add(tx(2, 0, 1, 1), STATE))
                .isInstanceOfSatisfying(
                        Admission.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Admission.Reason.POOL_FULL));
        SignedTransaction dear = tx(3, 0, 30, 1);
        assertThat(pool.add(dear, STATE)).isInstanceOf(Admission.Accepted.class);
        assertThat(pool.select(STATE, 10)).containsExactly(dear, mid);
    }

    @Test
    void prunesNoncesTheNewTipUsedAndRemovesIncluded() {
        Mempool pool = pool();
        SignedTransaction a = tx(0, 0, 5, 1);
        SignedTransaction b = tx(0, 1, 5, 1);
        SignedTransaction c = tx(1, 0, 5, 1);
        List.of(a, b, c).forEach(t -> pool.add(t, STATE));
        pool.removeIncluded(List.of(c));
        WorldState after = STATE.with(DevAccounts.address(0), new Account(STATE.balance(DevAccounts.address(0)), 1, 0));
        assertThat(pool.prune(after)).isEqualTo(1);
        assertThat(pool.select(after, 10)).containsExactly(b);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 0x5eed, 0xC0FFEE})
    void selectionIsNonceContiguousPerSenderAndGreedyByFee(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Mempool pool = pool();
        Map<Integer, Integer> nextNonce = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            int account = (int) rng.nextLong(6);
            int nonce = nextNonce.merge(account, 1, Integer::sum) - 1;
            pool.add(tx(account, nonce, 1 + rng.nextLong(1000), 1), STATE);
        }
        List<SignedTransaction> picked = pool.select(STATE, 1000);
        assertThat(picked).as("seed %d", seed).hasSize(pool.size());
        Map<Address, Long> seen = new HashMap<>();
        List<Long> headFees = new ArrayList<>();
        for (SignedTransaction t : picked) {
            long expected = seen.getOrDefault(t.body().senderAddress(), 0L);
            assertThat(t.body().nonce())
                    .as("seed %d: nonce order of %s", seed, t.body().senderAddress())
                    .isEqualTo(expected);
            seen.put(t.body().senderAddress(), expected + 1);
            headFees.add(t.body().fee().units());
        }
        // Greedy: the first pick is the dearest of the senders' first transactions.
        long bestHead = picked.stream()
                .filter(t -> t.body().nonce() == 0)
                .mapToLong(t -> t.body().fee().units())
                .max()
                .orElseThrow();
        assertThat(headFees.getFirst()).as("seed %d", seed).isEqualTo(bestHead);
    }
}
