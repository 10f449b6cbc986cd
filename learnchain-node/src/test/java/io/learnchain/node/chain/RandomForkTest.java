package io.learnchain.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Height;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three miners build competing branches from one seed, see each other's blocks at random moments,
 * then everything. Afterwards they agree on one tip, their state equals that of a fresh node that
 * only saw the winning chain, re-verification passes, and no pending transaction is also mined.
 */
class RandomForkTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 0xF00D})
    void convergesToStateOfNodeThatOnlySawTheWinningChain(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        List<TestNode> nodes = List.of(new TestNode(), new TestNode(), new TestNode());
        List<Block> all = new ArrayList<>();
        try {
            for (int step = 0; step < 40; step++) {
                int n = rng.nextInt(nodes.size());
                TestNode node = nodes.get(n);
                if (rng.nextInt(4) == 0) {
                    all.forEach(node.chain::importBlock);
                    continue;
                }
                int sender = rng.nextInt(TestNode.KEYS.size());
                var address = DevAccounts.address(sender);
                long nonce = node.chain.account(address).nonce()
                        + node.mempool.pending(10_000).stream()
                                .filter(t -> t.body().senderAddress().equals(address))
                                .count();
                SignedTransaction tx = TestNode.transfer(
                        sender, nonce, DevAccounts.address(8), 1 + rng.nextInt(1000), 1 + rng.nextInt(50));
                node.chain.submitTransaction(tx);
                all.add(node.mineAndConnect(
                        TestNode.KEYS.get(n),
                        node.mempool.select(node.chain.head().tip().state(), 10)));
            }
            for (TestNode node : nodes) {
                all.forEach(node.chain::importBlock);
            }
            ChainHead winner = nodes.getFirst().chain.head();
            try (TestNode fresh = new TestNode()) {
                for (long h = 1; h <= winner.height().value(); h++) {
                    Block block = nodes.getFirst().chain.blockAt(Height.of(h)).orElseThrow();
                    assertThat(fresh.chain.importBlock(block))
                            .as("seed %d height %d", seed, h)
                            .isInstanceOf(ImportResult.Connected.class);
                }
                for (TestNode node : nodes) {
                    assertThat(node.chain.head().hash()).as("seed %d", seed).isEqualTo(winner.hash());
                    assertThat(node.chain.head().tip().state())
                            .as("seed %d", seed)
                            .isEqualTo(fresh.chain.head().tip().state());
                    assertThat(node.chain.verifyFromGenesis().ok())
                            .as("seed %d", seed)
                            .isTrue();
                    for (SignedTransaction pending : node.mempool.pending(10_000)) {
                        assertThat(node.chain.transaction(pending.hash()))
                                .as("seed %d: pending and mined", seed)
                                .isEmpty();
                    }
                }
            }
        } finally {
            nodes.forEach(TestNode::close);
        }
    }
}
