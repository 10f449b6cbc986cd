package io.learnchain.node.miner;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Height;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.node.chain.TestNode;
import io.learnchain.node.mempool.Admission;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class MinerServiceTest {

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void minesPendingTransactionIntoBlockAndWaitsForBlockTime() throws InterruptedException {
        try (TestNode node = new TestNode()) {
            SignedTransaction tx = TestNode.transfer(0, 0, DevAccounts.address(5), 123, 7);
            assertThat(node.mempool.add(tx, node.chain.head().tip().state())).isInstanceOf(Admission.Accepted.class);
            MinerConfig config = MinerConfig.of(TestNode.KEYS.get(1), 10);
            try (MinerService miner = new MinerService(node.chain, node.mempool, config, node.clock, node.metrics)) {
                miner.start();
                await(() -> node.chain.head().height().equals(Height.of(1)), Duration.ofSeconds(10));
                assertThat(node.chain.transaction(tx.hash())).isPresent();
                assertThat(node.mempool.size()).isZero();
                Thread.sleep(300);
                assertThat(node.chain.head().height())
                        .as("the next block waits for the block time")
                        .isEqualTo(Height.of(1));
                node.clock.advanceSeconds(10);
                await(() -> node.chain.head().height().equals(Height.of(2)), Duration.ofSeconds(10));
                // the head moves inside importBlock, the counter right after it: wait for both
                await(() -> node.metrics.blocksMined.count() == 2.0, Duration.ofSeconds(10));
            }
            assertThat(node.chain.verifyFromGenesis().ok()).isTrue();
        }
    }

    @Test
    void stopsPromptlyWhenClosed() throws InterruptedException {
        try (TestNode node = new TestNode()) {
            MinerService miner = new MinerService(
                    node.chain, node.mempool, MinerConfig.of(TestNode.KEYS.get(1), 3600), node.clock, node.metrics);
            miner.start();
            await(() -> node.chain.head().height().equals(Height.of(1)), Duration.ofSeconds(10));
            long start = System.nanoTime();
            miner.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(miner.isRunning()).isFalse();
        }
    }
}
