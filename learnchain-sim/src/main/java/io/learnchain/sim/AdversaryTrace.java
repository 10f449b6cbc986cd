package io.learnchain.sim;

import io.learnchain.base.crypto.PublicKey;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one adversary node sent, recorded off its network port (the node itself is unchanged):
 * its candidates (kept whole, so the report can judge each one as an honest node would), its key
 * releases, and counts of its commitments and reveals.
 */
final class AdversaryTrace {
    private final Adversary kind;
    private final String node;
    private final PublicKey key;
    private final List<GossipMessage.Candidate> candidates = new ArrayList<>();
    private int commitments;
    private int reveals;
    private final List<GossipMessage.RoundKeys> keyReleases = new ArrayList<>();

    AdversaryTrace(Adversary kind, String node, PublicKey key) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.node = Objects.requireNonNull(node, "node");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** {@code port}, recording what goes through it. */
    GossipNetwork watching(GossipNetwork port) {
        return message -> {
            switch (message) {
                case GossipMessage.Candidate c -> candidates.add(c);
                case GossipMessage.CommitmentMsg c -> commitments++;
                case GossipMessage.ShardReveal r -> reveals++;
                case GossipMessage.Transaction t -> {}
                case GossipMessage.BlockMsg b -> {}
                case GossipMessage.FraudProof f -> {}
                case GossipMessage.RoundKeys k -> keyReleases.add(k);
            }
            port.broadcast(message);
        };
    }

    Adversary kind() {
        return kind;
    }

    String node() {
        return node;
    }

    PublicKey key() {
        return key;
    }

    List<GossipMessage.Candidate> candidates() {
        return List.copyOf(candidates);
    }

    int commitments() {
        return commitments;
    }

    int reveals() {
        return reveals;
    }

    /** The private rounds' key releases it sent (PROTOCOL.md 3.9). */
    List<GossipMessage.RoundKeys> keyReleases() {
        return List.copyOf(keyReleases);
    }
}
