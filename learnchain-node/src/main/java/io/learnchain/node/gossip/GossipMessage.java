package io.learnchain.node.gossip;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.WorkFraud;
import java.util.List;
import java.util.Objects;

/**
 * What nodes tell each other during proof-of-learning rounds: a small closed set, each one a
 * canonical chain value plus raw blob bytes, so the wire protocol is one codec per record (node.p2p.wire).
 */
public sealed interface GossipMessage {

    /**
     * The messages of a proof-of-learning round (commitments, reveals, candidates, fraud proofs):
     * pole's alone. Transactions and blocks are every engine's.
     */
    sealed interface PoleRound extends GossipMessage {}

    /** A user transaction for the mempools (PostTask, transfers, ...). */
    record Transaction(SignedTransaction tx) implements GossipMessage {
        public Transaction {
            Objects.requireNonNull(tx, "tx");
        }
    }

    /** Phase 1: a miner's signed commitment to a model on a parent. */
    record CommitmentMsg(Commitment commitment, Signature signature) implements PoleRound {
        public CommitmentMsg {
            Objects.requireNonNull(commitment, "commitment");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** The requester's reveal: its signed RevealShard transaction and the shard's bytes (a data set blob). */
    record ShardReveal(SignedTransaction revealTx, byte[] shard) implements PoleRound {
        public ShardReveal {
            Objects.requireNonNull(revealTx, "revealTx");
            Objects.requireNonNull(shard, "shard");
            if (!(revealTx.body().payload() instanceof RevealShard)) {
                throw new IllegalArgumentException("a shard reveal carries a RevealShard transaction");
            }
        }

        public RevealShard reveal() {
            return (RevealShard) revealTx.body().payload();
        }

        /** Whether the bytes are the shard the transaction names. */
        public boolean shardMatches() {
            return Hash.sha256(shard).equals(reveal().shardHash());
        }
    }

    /**
     * A private task's round keys (PROTOCOL.md 3.9): the requester's signed release for the round on
     * {@code release.previous()}, sent when that parent arrives so that miners can decrypt the
     * round's features before the reveal (which carries the same keys onto the chain). The task's
     * state names its requester by address only, so the message carries the signer's key: a node
     * takes the release when that key's address is the task's requester and {@link
     * RoundKeyRelease#problem} finds nothing.
     */
    record RoundKeys(PublicKey signer, RoundKeyRelease release) implements PoleRound {
        public RoundKeys {
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(release, "release");
        }
    }

    /**
     * A fraud proof against a held payout (PROTOCOL.md 3.8): the signed WorkFraud transaction and
     * the bytes of the checkpoint it opens (a blob every node needs to check it).
     */
    record FraudProof(SignedTransaction tx, byte[] opening) implements PoleRound {
        public FraudProof {
            Objects.requireNonNull(tx, "tx");
            Objects.requireNonNull(opening, "opening");
            if (!(tx.body().payload() instanceof WorkFraud)) {
                throw new IllegalArgumentException("a fraud proof carries a WorkFraud transaction");
            }
        }

        public WorkFraud fraud() {
            return (WorkFraud) tx.body().payload();
        }

        /** Whether the bytes are the checkpoint the transaction opens. */
        public boolean openingMatches() {
            return Hash.sha256(opening).equals(fraud().opening());
        }
    }

    /**
     * Phase 2: a candidate pole block with its model's canonical bytes and the checkpoints its
     * proof opens (the challenged segments' starts, in the proof's order).
     */
    record Candidate(Block block, byte[] model, List<byte[]> openings) implements PoleRound {
        public Candidate {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(model, "model");
            openings = List.copyOf(openings);
        }
    }

    /** A connected block (idle, forfeit, or a round's winner) for nodes that did not choose it themselves. */
    record BlockMsg(Block block) implements GossipMessage {
        public BlockMsg {
            Objects.requireNonNull(block, "block");
        }
    }
}
