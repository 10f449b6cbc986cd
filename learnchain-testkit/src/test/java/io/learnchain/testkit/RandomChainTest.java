package io.learnchain.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.WorldStateCodec;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.validation.BlockProcessor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random chains: random transfers between dev accounts over many blocks. After every block:
 * supply grows by exactly the subsidy, every block survives an encode/decode round trip and
 * replays from genesis to the same state root, and the state survives a snapshot round trip.
 */
class RandomChainTest {

    @ParameterizedTest
    @ValueSource(longs = {101, 202})
    void randomTransfersKeepTheInvariants(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        ChainBuilder chain = ChainBuilder.devnet();
        Amount supply = chain.state().totalSupply();
        for (int b = 0; b < 12; b++) {
            List<SignedTransaction> txs = new ArrayList<>();
            int count = rng.nextInt(8);
            for (int i = 0; i < count; i++) {
                int from = rng.nextInt(DevAccounts.DEFAULT_COUNT);
                int to = rng.nextInt(DevAccounts.DEFAULT_COUNT);
                txs.add(chain.transfer(from, to, Amount.ofUnits(1 + rng.nextLong(1_000_000_000L))));
            }
            chain.addBlock(txs.toArray(SignedTransaction[]::new));
            supply = supply.add(chain.rules().blockSubsidy());
            assertThat(chain.state().totalSupply())
                    .as("seed %d block %d", seed, b + 1)
                    .isEqualTo(supply);
            assertThat(WorldStateCodec.INSTANCE.decode(WorldStateCodec.INSTANCE.encode(chain.state())))
                    .isEqualTo(chain.state());
        }
        ChainTip replay = ChainTip.genesis(chain.genesis());
        for (Block block : chain.blocks()) {
            Block decoded = BlockCodec.BLOCK.decode(BlockCodec.BLOCK.encode(block));
            Verdict v = BlockProcessor.apply(replay, decoded, chain.rules(), chain.context());
            assertThat(v)
                    .as("seed %d replay of %s", seed, block.header().height())
                    .isInstanceOf(Verdict.Valid.class);
            replay = ((Verdict.Valid) v).tip();
        }
        assertThat(replay.state().root()).isEqualTo(chain.state().root());
        assertThat(replay.hash()).isEqualTo(chain.tip().hash());
    }
}
