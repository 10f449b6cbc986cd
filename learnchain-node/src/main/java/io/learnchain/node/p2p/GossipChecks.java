package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.node.gossip.GossipMessage;
import java.util.List;
import java.util.Optional;

/**
 * The checks a relayed message must pass before it is kept, relayed or handed to the pole roles:
 * cheap, and each failure proves the SENDER wrong whatever this node's state (a signature that does
 * not verify, a body that is not the one its header commits to, bytes that do not hash to what the
 * message names). What depends on local state (nonces, parents, scores) is judged later and never
 * costs the relaying peer. Pure functions.
 */
final class GossipChecks {
    private GossipChecks() {}

    /**
     * The de-duplication key: transaction hash, commitment id, reveal transaction hash, block hash,
     * the hash of a key release's encoding.
     */
    static Hash id(GossipMessage message) {
        return switch (message) {
            case GossipMessage.Transaction t -> t.tx().hash();
            case GossipMessage.CommitmentMsg c -> c.commitment().id();
            case GossipMessage.ShardReveal r -> r.revealTx().hash();
            case GossipMessage.FraudProof f -> f.tx().hash();
            case GossipMessage.RoundKeys k -> Hash.sha256(k.release().encode());
            case GossipMessage.Candidate c -> c.block().hash();
            case GossipMessage.BlockMsg b -> b.block().hash();
        };
    }

    /** Why {@code message} proves its sender wrong, or empty when it passes. */
    static Optional<String> offence(GossipMessage message, Hash chainId) {
        return switch (message) {
            case GossipMessage.Transaction t -> transaction(t.tx(), chainId);
            case GossipMessage.CommitmentMsg c ->
                !c.commitment().chainId().equals(chainId)
                        ? Optional.of("a commitment for chain "
                                + c.commitment().chainId().shortHex())
                        : c.commitment().verify(c.signature())
                                ? Optional.empty()
                                : Optional.of("a commitment whose signature does not verify");
            case GossipMessage.ShardReveal r ->
                transaction(r.revealTx(), chainId)
                        .or(() -> r.shardMatches()
                                ? Optional.empty()
                                : Optional.of("shard bytes that do not hash to the revealed shard "
                                        + r.reveal().shardHash().shortHex()));
            case GossipMessage.FraudProof f ->
                transaction(f.tx(), chainId)
                        .or(() -> f.openingMatches()
                                ? Optional.empty()
                                : Optional.of("checkpoint bytes that do not hash to the opening "
                                        + f.fraud().opening().shortHex()));
            case GossipMessage.RoundKeys k ->
                !k.release().chainId().equals(chainId)
                        ? Optional.of(
                                "round keys for chain " + k.release().chainId().shortHex())
                        : k.release().signedBy(k.signer())
                                ? Optional.empty()
                                : Optional.of("round keys whose signature does not verify");
            case GossipMessage.Candidate c -> block(c.block()).or(() -> model(c));
            case GossipMessage.BlockMsg b -> block(b.block());
        };
    }

    private static Optional<String> transaction(SignedTransaction tx, Hash chainId) {
        if (!tx.body().chainId().equals(chainId)) {
            return Optional.of("transaction " + tx.hash().shortHex() + " is for chain "
                    + tx.body().chainId().shortHex());
        }
        return tx.hasValidSignature()
                ? Optional.empty()
                : Optional.of("transaction " + tx.hash().shortHex() + " has a bad signature");
    }

    /** The body must be the one the header commits to (SCENARIOS.md A6). */
    static Optional<String> body(Block block) {
        Hash root = Block.txRoot(block.transactions());
        if (!root.equals(block.header().txRoot())) {
            return Optional.of("block " + block.hash().shortHex() + " with a body hashing to " + root.shortHex()
                    + " under a header that commits " + block.header().txRoot().shortHex());
        }
        return Optional.empty();
    }

    /** The body must be the one the header commits to, and the header signed by its miner. */
    static Optional<String> block(Block block) {
        Optional<String> body = body(block);
        if (body.isPresent()) {
            return body;
        }
        return block.header().hasValidSignature()
                ? Optional.empty()
                : Optional.of("block " + block.hash().shortHex() + " with a bad miner signature");
    }

    private static Optional<String> model(GossipMessage.Candidate c) {
        if (!(c.block().header().proof() instanceof PoleProof p)) {
            return Optional.of("candidate " + c.block().hash().shortHex() + " is not a pole block");
        }
        Hash model = Hash.sha256(c.model());
        if (!model.equals(p.modelHash())) {
            return Optional.of("candidate " + c.block().hash().shortHex() + " with model bytes hashing to "
                    + model.shortHex() + ", not the committed " + p.modelHash().shortHex());
        }
        List<Hash> opened = c.openings().stream().map(Hash::sha256).toList();
        return opened.equals(p.work().openings())
                ? Optional.empty()
                : Optional.of("candidate " + c.block().hash().shortHex()
                        + " with checkpoint bytes that are not the openings its proof names");
    }
}
