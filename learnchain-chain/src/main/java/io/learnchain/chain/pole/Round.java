package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.work.SecureMappingLayer;
import java.util.Objects;

/** What the round after a tip is: idle proof of work, or learning on a task. */
public sealed interface Round {

    /** No open task: a classic hash proof of work block at {@code difficulty}. */
    record Idle(long difficulty) implements Round {}

    /**
     * A learning round on {@code task}.
     *
     * @param roundKey H(previous hash, task id), seed of {@code sml}
     * @param shardIndex the test shard the chain chose: the (H(previous) mod unrevealed)-th unrevealed one
     * @param revealNotBefore the requester should not reveal before this time (parent time + min phase)
     * @param forfeitNotBefore a forfeit block may carry this timestamp or later (parent time + max phase)
     * @param forfeitDifficulty the hash work a forfeit block needs (the idle adjustment's value)
     */
    record Learning(
            TaskState task,
            Hash previous,
            Hash roundKey,
            SecureMappingLayer sml,
            int shardIndex,
            Hash shardHash,
            long revealNotBefore,
            long forfeitNotBefore,
            long forfeitDifficulty)
            implements Round {
        public Learning {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(roundKey, "roundKey");
            Objects.requireNonNull(sml, "sml");
            Objects.requireNonNull(shardHash, "shardHash");
        }

        public long taskId() {
            return task.id();
        }
    }
}
