package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.pole.PoleFixture;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import io.learnchain.testkit.ChainBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Headers-first sync, reorganisation across the network, stall replacement and blob fetching over the in-memory transport. */
class InMemorySyncTest {
    static final long START = (ChainBuilder.DEFAULT_GENESIS_TIME + 10_000_000) * 1000;
    final VirtualScheduler scheduler = new VirtualScheduler(START);
    final MemoryNetwork network = new MemoryNetwork(scheduler, 20, 7);

    P2pTestNode node(String name, Genesis genesis, P2pConfig config) {
        P2pTestNode n = new P2pTestNode(name, genesis, scheduler, scheduler, config);
        network.add(name, n.peers);
        n.peers.start();
        return n;
    }

    P2pTestNode node(String name, Genesis genesis) {
        return node(name, genesis, P2pTestNode.config(name, VerifyLevel.SEGMENTS));
    }

    @Test
    void syncsAChainHeadersFirstInSeveralBatches() {
        ChainBuilder chain = ChainBuilder.devnet();
        chain.addEmptyBlocks(45);
        WireLimits small = new WireLimits(1 << 20, 16, 64, 8, 64 << 10, 100, 256);
        P2pTestNode a = node("a", chain.genesis());
        P2pTestNode b = node(
                "b",
                chain.genesis(),
                P2pTestNode.config("b", VerifyLevel.SEGMENTS).withLimits(small));
        a.importAll(chain.blocks());
        network.connect("b", "a");

        assertThat(scheduler.runUntil(() -> b.height() == 45, 30_000))
                .as("b reaches height 45")
                .isTrue();
        assertThat(b.tip()).isEqualTo(a.tip());
        assertThat(b.peers.syncedBlocks()).isEqualTo(45);
    }

    @Test
    void partitionedSidesBothGoOnThenConvergeAndTheAbandonedTransactionReturnsToTheMempool() {
        ChainBuilder common = ChainBuilder.devnet();
        common.addEmptyBlocks(3);
        P2pTestNode a = node("a", common.genesis());
        P2pTestNode b = node("b", common.genesis());
        P2pTestNode c = node("c", common.genesis());
        a.importAll(common.blocks());
        network.connectAll();
        assertThat(scheduler.runUntil(() -> b.height() == 3 && c.height() == 3, 20_000))
                .isTrue();

        network.partition(Set.of("a"));
        ChainBuilder minority = common.forkAt(Height.of(3)).minedBy(1);
        SignedTransaction abandoned = minority.transfer(2, 3, Amount.ofUnits(7_000));
        a.importAll(List.of(minority.addBlock(abandoned), minority.addBlock()));
        ChainBuilder majority = common.forkAt(Height.of(3)).minedBy(2);
        b.importAll(List.of(majority.addBlock(), majority.addBlock(), majority.addBlock()));
        scheduler.runFor(5_000);
        assertThat(a.height()).isEqualTo(5);
        assertThat(c.tip()).isEqualTo(b.tip()).as("the majority side syncs among itself");

        network.heal();
        assertThat(scheduler.runUntil(() -> a.tip().equals(b.tip()) && c.tip().equals(b.tip()), 30_000))
                .as("one tip after the heal")
                .isTrue();
        assertThat(a.height()).isEqualTo(6);
        assertThat(a.mempool.contains(abandoned.hash()))
                .as("the minority's transaction is back in its mempool")
                .isTrue();
    }

    @Test
    void replacesAStallingSyncPeerAndFinishesFromAnHonestOne() {
        ChainBuilder chain = ChainBuilder.devnet();
        chain.addEmptyBlocks(10);
        P2pTestNode honest = node("honest", chain.genesis());
        honest.importAll(chain.blocks());
        P2pTestNode b = node("b", chain.genesis());
        ScriptedPeer staller = new ScriptedPeer("staller")
                .connectTo(b.peers)
                .handshake(chain.genesis().chainId(), 1_000, Hash.sha256("a tip it never serves".getBytes()));
        scheduler.runFor(100);
        assertThat(staller.receivedOf(WireMessage.GetHeaders.class))
                .as("b asks the higher peer first")
                .hasSize(1);

        network.connect("b", "honest");
        assertThat(scheduler.runUntil(() -> b.height() == 10, 30_000)).isTrue();
        assertThat(staller.closed()).isTrue();
        assertThat(b.peers.stalls()).isEqualTo(1);
        assertThat(b.peers.isBanned("staller"))
                .as("stalling is not misbehaving")
                .isFalse();
    }

    /**
     * Issue 18, item 10: a peer that claims a higher chain and never serves it, reconnecting under
     * the same node id, neither wins sync again over a peer that has not stalled nor makes that
     * peer's requests wait longer (the timeout was one for all peers and doubled with every stall).
     */
    @Test
    void aReconnectingStallerNeitherWinsSyncAgainNorSlowsAnHonestPeer() {
        ChainBuilder chain = ChainBuilder.devnet();
        chain.addEmptyBlocks(10);
        P2pTestNode honest = node("honest", chain.genesis());
        honest.importAll(chain.blocks());
        P2pTestNode b = node("b", chain.genesis());
        Hash neverServed = Hash.sha256("a tip it never serves".getBytes());
        long timeout = b.peers.config().requestTimeoutMillis();
        for (int i = 0; i < 2; i++) {
            ScriptedPeer staller = new ScriptedPeer("staller")
                    .connectTo(b.peers)
                    .handshake(chain.genesis().chainId(), 1_000, neverServed);
            assertThat(scheduler.runUntil(staller::closed, 70_000)).isTrue();
            assertThat(staller.receivedOf(WireMessage.GetHeaders.class)).hasSize(1);
        }
        assertThat(b.peers.stalls()).isEqualTo(2);

        ScriptedPeer again = new ScriptedPeer("staller")
                .connectTo(b.peers)
                .handshake(chain.genesis().chainId(), 1_000, neverServed);
        long connected = scheduler.nowMillis();
        network.connect("b", "honest");
        assertThat(scheduler.runUntil(() -> b.height() == 10, 30_000)).isTrue();
        assertThat(again.receivedOf(WireMessage.GetHeaders.class))
                .as("the staller is not asked while a peer that has not stalled can serve")
                .isEmpty();
        assertThat(scheduler.nowMillis() - connected)
                .as("the honest peer's sync does not wait out the staller's doubled timeouts")
                .isLessThan(timeout);
    }

    @ParameterizedTest
    @EnumSource(VerifyLevel.class)
    void fetchesTheBlobsAPoleBlockNeedsThenConnectsIt(VerifyLevel level) throws Exception {
        PoleFixture pole = new PoleFixture();
        ChainTip genesis = ChainTip.genesis(pole.genesis);
        Block withTask = pole.idle(genesis, List.of(pole.postTask(0)));
        ChainTip t1 = pole.connect(genesis, withTask);
        PoleFixture.Honest honestBlock = pole.honest(t1, PoleFixture.MINER, 1, 40, 1);

        P2pTestNode a = node("a", pole.genesis);
        a.putBlobs(pole.blobs());
        a.importAll(List.of(withTask, honestBlock.block()));
        P2pTestNode b = node("b", pole.genesis, P2pTestNode.config("b", level));
        network.connect("b", "a");

        assertThat(scheduler.runUntil(() -> b.height() == 2, 30_000))
                .as("b connects the pole block")
                .isTrue();
        assertThat(b.tip()).isEqualTo(honestBlock.block().hash());
        assertThat(b.blobs.get(honestBlock.model().hash())).isPresent();
        assertThat(b.peers.isBanned("a")).isFalse();
    }
}
