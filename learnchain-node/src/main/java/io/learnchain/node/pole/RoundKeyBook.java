package io.learnchain.node.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.node.gossip.GossipMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The private rounds' key releases this node holds (issue 20, PROTOCOL.md 3.9), for its miner: a
 * release is kept when its task is private on the given state, its signer's address is the task's
 * requester, and {@link RoundKeyRelease#problem} finds nothing against the task's layer and the
 * master public key in its encrypted training blob. The last {@link #MAX_ROUNDS} rounds are kept.
 * Not thread-safe: the pole node's single thread owns it.
 */
final class RoundKeyBook {
    /** Rounds whose release is kept (a few parents: the tip and its competitors). */
    static final int MAX_ROUNDS = 16;

    /** What became of an offered release. */
    sealed interface Outcome {
        record Kept() implements Outcome {}

        /** Wrong for good (another signer, keys that do not open the rows, a task in the clear). */
        record Refused(String why) implements Outcome {}

        /** Not judged yet: the task is not on this state or its training blob is not here. */
        record Wait(String why) implements Outcome {}
    }

    private final Hash chainId;
    private final Map<RoundId, RoundKeyRelease> releases = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RoundId, RoundKeyRelease> eldest) {
            return size() > MAX_ROUNDS;
        }
    };

    private record RoundId(long taskId, Hash previous) {}

    RoundKeyBook(Hash chainId) {
        this.chainId = chainId;
    }

    /** Judges {@code message} against the tasks of {@code state} and the blobs of {@code blobs}; keeps it if sound. */
    Outcome offer(GossipMessage.RoundKeys message, WorldState state, BlobView blobs) {
        RoundKeyRelease release = message.release();
        Optional<TaskState> found = state.tasks().get(release.taskId());
        if (found.isEmpty()) {
            return new Outcome.Wait("task " + release.taskId() + " is not on this node's tip");
        }
        TaskState task = found.get();
        Optional<ProjectionSpec> spec = task.terms().privacy();
        if (spec.isEmpty()) {
            return new Outcome.Refused("task " + task.id() + " is not private: it has no round keys");
        }
        if (!Address.of(message.signer()).equals(task.requester())) {
            return new Outcome.Refused("the release is signed by " + Address.of(message.signer())
                    + ", not the task's requester " + task.requester());
        }
        Optional<byte[]> blob = blobs.get(task.terms().trainingSet());
        if (blob.isEmpty()) {
            return new Outcome.Wait("the task's encrypted training set "
                    + task.terms().trainingSet().shortHex() + " is not here");
        }
        EncryptedDataset data;
        try {
            data = EncryptedDataset.decode(blob.get());
        } catch (CodecException | IllegalArgumentException e) {
            return new Outcome.Refused("the task's training set is not an encrypted data set: " + e.getMessage());
        }
        Optional<String> problem =
                release.problem(chainId, task.id(), release.previous(), message.signer(), spec.get(), data.publicKey());
        if (problem.isPresent()) {
            return new Outcome.Refused(problem.get());
        }
        releases.put(new RoundId(task.id(), release.previous()), release);
        return new Outcome.Kept();
    }

    /** The kept release of task {@code taskId}'s round on {@code previous}, if any. */
    Optional<RoundKeyRelease> release(long taskId, Hash previous) {
        return Optional.ofNullable(releases.get(new RoundId(taskId, previous)));
    }
}
