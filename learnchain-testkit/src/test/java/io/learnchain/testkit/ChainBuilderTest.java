package io.learnchain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.fork.ForkChoice;
import org.junit.jupiter.api.Test;

class ChainBuilderTest {

    @Test
    void buildsAValidChainWithTransfers() {
        ChainBuilder chain = ChainBuilder.devnet();
        chain.addBlock(chain.transfer(0, 1, Amount.ofCoins(5)), chain.transfer(0, 2, Amount.ofCoins(1)));
        chain.addEmptyBlocks(3);
        assertThat(chain.tip().height()).isEqualTo(Height.of(4));
        assertThat(chain.state().balance(ChainBuilder.address(1))).isEqualTo(Amount.ofCoins(1_000_005));
        assertThat(chain.block(Height.of(2)).header().previous())
                .isEqualTo(chain.block(Height.of(1)).hash());
        assertThat(chain.block(Height.of(1)).header().previous())
                .isEqualTo(chain.genesis().chainId());
    }

    @Test
    void forksShareThePrefixAndDiverge() {
        ChainBuilder main = ChainBuilder.devnet().addEmptyBlocks(3);
        ChainBuilder fork = main.forkAt(Height.of(1)).minedBy(8).addEmptyBlocks(3);
        assertThat(fork.block(Height.of(1))).isEqualTo(main.block(Height.of(1)));
        assertThat(fork.block(Height.of(2)).hash())
                .isNotEqualTo(main.block(Height.of(2)).hash());
        ChainSummary mainSummary =
                new ChainSummary(main.tip().height(), 0, 0, main.tip().hash());
        ChainSummary forkSummary =
                new ChainSummary(fork.tip().height(), 0, 0, fork.tip().hash());
        assertThat(ForkChoice.isBetter(forkSummary, mainSummary)).isTrue();
    }

    @Test
    void refusesTransactionsThatDoNotApply() {
        ChainBuilder chain = ChainBuilder.devnet();
        assertThatThrownBy(() -> chain.addBlock(chain.transfer(0, 1, Amount.ofCoins(2_000_000))))
                .hasMessageContaining("check nonces and balances");
    }
}
