package io.learnchain.node.p2p;

import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.gossip.GossipMessage;

/**
 * Gossips what this node adds by itself (a block its miner connected, a transaction submitted
 * through the API) to its peers. What came from peers is already relayed and is skipped by the
 * peer service's de-duplication; synced blocks are announced by status, not gossip. As the tip
 * moves it also has the training sets of newly posted tasks fetched ({@link PeerService#fetchTaskData}).
 */
public final class ChainAnnouncer implements AutoCloseable {
    private final EventBus.Subscription subscription;

    public ChainAnnouncer(EventBus events, ChainService chain, PeerService peers) {
        this.subscription = events.subscribe("p2p-announcer", event -> {
            if (event instanceof NodeEvent.BlockConnected b) {
                chain.block(b.hash()).ifPresent(block -> peers.broadcast(new GossipMessage.BlockMsg(block)));
                peers.fetchTaskData();
            } else if (event instanceof NodeEvent.Reorganized) {
                peers.fetchTaskData();
            } else if (event instanceof NodeEvent.TransactionAccepted t) {
                chain.mempool().get(t.hash()).ifPresent(tx -> peers.broadcast(new GossipMessage.Transaction(tx)));
            }
        });
    }

    @Override
    public void close() {
        subscription.close();
    }
}
