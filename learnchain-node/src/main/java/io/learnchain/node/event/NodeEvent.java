package io.learnchain.node.event;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import java.util.Objects;

/** What the node tells its subscribers; published only after the change is durable. */
public sealed interface NodeEvent {

    /** A block became part of the canonical chain (its write batch is on disk). */
    record BlockConnected(Hash hash, Height height, Hash parent, int transactions, long timestampSeconds)
            implements NodeEvent {
        public BlockConnected {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(parent, "parent");
        }
    }

    /** The canonical chain switched branches: {@code disconnected} blocks left it above {@code forkPoint}. */
    record Reorganized(
            Hash oldTip, Hash newTip, Height forkPoint, int disconnected, int connected, int transactionsReturned)
            implements NodeEvent {
        public Reorganized {
            Objects.requireNonNull(oldTip, "oldTip");
            Objects.requireNonNull(newTip, "newTip");
        }
    }

    /** What the node's proof-of-learning roles did (trained, committed, revealed, decided a round, ...). */
    record Pole(PoleEvent event) implements NodeEvent {
        public Pole {
            Objects.requireNonNull(event, "event");
        }
    }

    /** What the node's dqn roles did (proposed a block, refused a peer's block). */
    record Dqn(DqnEvent event) implements NodeEvent {
        public Dqn {
            Objects.requireNonNull(event, "event");
        }
    }

    /** A transaction entered the mempool. */
    record TransactionAccepted(Hash hash, String sender, long nonce, long feeUnits) implements NodeEvent {
        public TransactionAccepted {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(sender, "sender");
        }
    }
}
