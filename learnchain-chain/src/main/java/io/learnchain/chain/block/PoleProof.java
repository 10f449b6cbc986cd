package io.learnchain.chain.block;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.Signature;
import io.learnchain.learn.train.TrainingRecord;
import java.util.Objects;

/**
 * The proof-of-learning fields of a pole block (PROTOCOL.md 3.3-3.4): the round's task, the
 * committed model hash, the full training record and its work (checkpoint hashes committed
 * with it, openings chosen after the reveal: {@link WorkProof}), the nonce from which the
 * data-order seed was derived, the chosen test shard (index and hash), the claimed score (correct
 * predictions on that shard through the round's secure mapping layer), and the miner's commitment
 * signature (see {@code io.learnchain.chain.rules.Commitment}).
 */
public record PoleProof(
        long taskId,
        Hash modelHash,
        TrainingRecord record,
        WorkProof work,
        long orderNonce,
        int shardIndex,
        Hash shardHash,
        long claimedScore,
        Signature commitmentSignature)
        implements EngineProof {
    public static final int TAG = 1;

    public PoleProof {
        Objects.requireNonNull(modelHash, "modelHash");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(shardHash, "shardHash");
        Objects.requireNonNull(commitmentSignature, "commitmentSignature");
        if (taskId < 1) {
            throw new IllegalArgumentException("task ids start at 1, got " + taskId);
        }
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shard index cannot be negative, got " + shardIndex);
        }
        if (claimedScore < 0) {
            throw new IllegalArgumentException("a claimed score is a count, got " + claimedScore);
        }
    }

    public PoleProof withCommitmentSignature(Signature signature) {
        return new PoleProof(
                taskId, modelHash, record, work, orderNonce, shardIndex, shardHash, claimedScore, signature);
    }

    public PoleProof withClaimedScore(long score) {
        return new PoleProof(
                taskId, modelHash, record, work, orderNonce, shardIndex, shardHash, score, commitmentSignature);
    }

    public PoleProof withWork(WorkProof newWork) {
        return new PoleProof(
                taskId,
                modelHash,
                record,
                newWork,
                orderNonce,
                shardIndex,
                shardHash,
                claimedScore,
                commitmentSignature);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
