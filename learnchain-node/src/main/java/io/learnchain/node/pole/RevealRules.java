package io.learnchain.node.pole;

import io.learnchain.base.Address;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.gossip.GossipMessage;
import java.util.Optional;

/**
 * Which shard reveals a node takes (PROTOCOL.md 3.4, SCENARIOS.md D19). A reveal closes phase 1
 * of its round on this node (later commitments count as late), so a forged one taken from anybody
 * would let a third party end every round before any commitment and force forfeits. Taken only:
 * bytes that hash to the named shard, a valid signature on this chain, the task's requester as
 * signer, a shard hash the task committed to at that index, as many round keys as the task has rows
 * (none for a task in the clear), and, when the round's parent is this
 * node's tip, exactly the task and shard the chain chose for it.
 */
final class RevealRules {
    /** What to do with a reveal. */
    enum Decision {
        TAKE,
        /** Forged or wrong: ignore it for good. */
        IGNORE,
        /** Its task is not on this node's tip yet (a lagging node): look again when the tip moves. */
        WAIT
    }

    private RevealRules() {}

    static Decision judge(GossipMessage.ShardReveal message, ChainService chain) {
        RevealShard reveal = message.reveal();
        if (!message.shardMatches()
                || !message.revealTx().body().chainId().equals(chain.genesis().chainId())
                || !message.revealTx().hasValidSignature()) {
            return Decision.IGNORE;
        }
        Optional<TaskState> task = chain.head().tip().state().tasks().get(reveal.taskId());
        if (task.isEmpty()) {
            return Decision.WAIT;
        }
        var hashes = task.get().terms().shardHashes();
        if (!Address.of(message.revealTx().body().sender()).equals(task.get().requester())
                || reveal.shardIndex() >= hashes.size()
                || !hashes.get(reveal.shardIndex()).equals(reveal.shardHash())
                || reveal.roundKeys().size() != roundKeysOf(task.get())) {
            return Decision.IGNORE;
        }
        if (chain.head().hash().equals(reveal.previous())) {
            boolean chosen = RoundDriver.round(chain.head().tip(), chain.rules()) instanceof Round.Learning l
                    && l.taskId() == reveal.taskId()
                    && l.shardIndex() == reveal.shardIndex();
            return chosen ? Decision.TAKE : Decision.IGNORE;
        }
        return Decision.TAKE;
    }

    /**
     * How many round keys the task's reveals carry: k for a private task, none for one in the clear
     * (PROTOCOL.md 3.9). A reveal with another count makes every candidate of its round invalid
     * (BAD_ROUND_KEYS); whether the keys open the round's rows is left to block validation, which
     * has the master public key's blob.
     */
    private static int roundKeysOf(TaskState task) {
        return task.terms().privacy().map(p -> p.width()).orElse(0);
    }
}
