package io.learnchain.node.p2p;

import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.gossip.GossipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossip handling for a node without pole roles (the idle engine): transactions go to the mempool,
 * blocks to the chain; a block whose parent is unknown is left to sync (the peer layer asks the
 * sender for headers). Commitments, reveals and candidates are relayed but not judged here.
 */
public final class ChainGossipSink implements GossipSink {
    private static final Logger LOG = LoggerFactory.getLogger(ChainGossipSink.class);
    private final ChainService chain;

    public ChainGossipSink(ChainService chain) {
        this.chain = chain;
    }

    @Override
    public void accept(String fromPeer, GossipMessage message) {
        switch (message) {
            case GossipMessage.Transaction t -> chain.submitTransaction(t.tx());
            case GossipMessage.BlockMsg b -> {
                ImportResult result = chain.importBlock(b.block());
                if (result instanceof ImportResult.Deferred d && d.reason() != UndecidedReason.UNKNOWN_PARENT) {
                    LOG.debug(
                            "block {} from {} deferred: {} ({})",
                            b.block().hash().shortHex(),
                            fromPeer,
                            d.reason(),
                            d.detail());
                }
            }
            case GossipMessage.CommitmentMsg c -> {}
            case GossipMessage.ShardReveal r -> {}
            case GossipMessage.FraudProof f -> chain.submitTransaction(f.tx()); // a block with it fetches the opening
            case GossipMessage.Candidate c -> {}
            case GossipMessage.RoundKeys k -> {}
        }
    }
}
