package io.learnchain.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.node.chain.TestNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureCacheTest {

    @Test
    void verifiesOnceAndAnswersRepeatsFromTheCache() {
        SignatureCache cache = new SignatureCache(16);
        SignedTransaction tx = TestNode.transfer(0, 0, DevAccounts.address(3), 1, 1);
        assertThat(cache.verify(tx)).isTrue();
        assertThat(cache.verify(tx)).isTrue();
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void neverCachesAFailedSignature() {
        SignatureCache cache = new SignatureCache(16);
        SignedTransaction good = TestNode.transfer(0, 0, DevAccounts.address(3), 1, 1);
        SignedTransaction forged = new SignedTransaction(
                good.body(),
                TestNode.transfer(1, 0, DevAccounts.address(3), 1, 1).signature());
        assertThat(cache.verify(forged)).isFalse();
        assertThat(cache.verify(forged)).isFalse();
        assertThat(cache.hits()).isZero();
        assertThat(cache.verify(good)).isTrue();
    }

    @Test
    void forgetsLeastRecentlyUsedBeyondCapacity() {
        SignatureCache cache = new SignatureCache(1);
        SignedTransaction a = TestNode.transfer(0, 0, DevAccounts.address(3), 1, 1);
        SignedTransaction b = TestNode.transfer(0, 1, DevAccounts.address(3), 1, 1);
        cache.verify(a);
        cache.verify(b);
        cache.verify(a);
        assertThat(cache.misses()).isEqualTo(3);
    }

    @Test
    void aHeaderSignedHereIsNotVerifiedAgainButAnotherSignatureIs() {
        BlockHeader header;
        try (TestNode node = new TestNode()) {
            header = node.mine(TestNode.KEYS.get(0), List.of(), 10).header();
        }
        SignatureCache cache = new SignatureCache(16);
        cache.signedHere(header);
        assertThat(cache.verifyHeader(header)).isTrue();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isZero();
        BlockHeader resigned = new BlockHeader(
                header.version(),
                header.height(),
                header.previous(),
                header.timestamp(),
                header.miner(),
                header.txRoot(),
                header.stateRoot(),
                header.proof(),
                TestNode.KEYS.get(0).sign(new byte[] {1}));
        assertThat(cache.verifyHeader(resigned)).isFalse();
        assertThat(cache.misses()).isEqualTo(1);
    }
}
