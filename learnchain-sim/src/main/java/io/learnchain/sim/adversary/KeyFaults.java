package io.learnchain.sim.adversary;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.IpfeGroup;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import java.math.BigInteger;
import java.util.List;

/**
 * The requester-side faults of a private task (issue 20, PROTOCOL.md 3.9): the node's own
 * {@link io.learnchain.node.pole.RequesterRole} runs unchanged, and what it sends is rewritten on
 * its way out, so that the node module holds no attack.
 */
public final class KeyFaults {
    private KeyFaults() {}

    /**
     * bad-keys: every key the requester releases or reveals is replaced by sk + 1 (mod q), a key of no
     * row of the round, and the release and the reveal are signed again with {@code requester}'s key:
     * validly signed keys that do not open the round's rows.
     */
    public static GossipNetwork badKeys(GossipNetwork out, KeyPair requester) {
        return message -> out.broadcast(
                switch (message) {
                    case GossipMessage.RoundKeys k -> {
                        RoundKeyRelease r = k.release();
                        yield new GossipMessage.RoundKeys(
                                k.signer(),
                                RoundKeyRelease.sign(requester, r.chainId(), r.taskId(), r.previous(), off(r.keys())));
                    }
                    case GossipMessage.ShardReveal s
                    when !s.reveal().roundKeys().isEmpty() -> {
                        RevealShard r = s.reveal();
                        TxBody body = s.revealTx().body();
                        RevealShard bad = new RevealShard(
                                r.taskId(),
                                r.previous(),
                                r.shardIndex(),
                                r.shardHash(),
                                r.witnessed(),
                                off(r.roundKeys()));
                        yield new GossipMessage.ShardReveal(
                                SignedTransaction.sign(
                                        new TxBody(body.chainId(), body.sender(), body.nonce(), body.fee(), bad),
                                        requester),
                                s.shard());
                    }
                    default -> message;
                });
    }

    /**
     * selective-keys: the requester's key releases go to {@code colluder} only (not to the other
     * miners, not to its own node); its reveal, which carries the same keys, goes to every node.
     */
    public static GossipNetwork selectiveKeys(GossipNetwork out, GossipNetwork colluder) {
        return message -> {
            if (message instanceof GossipMessage.RoundKeys) {
                colluder.broadcast(message);
            } else {
                out.broadcast(message);
            }
        };
    }

    /** Each key plus one, mod q. */
    static List<FunctionalKey> off(List<FunctionalKey> keys) {
        return keys.stream()
                .map(k -> new FunctionalKey(k.value().add(BigInteger.ONE).mod(IpfeGroup.order())))
                .toList();
    }
}
