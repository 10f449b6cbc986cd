package io.learnchain.node.pole;

/**
 * What a miner does in a round: mine honestly, or one of the adversaries of SCENARIOS.md D16-D20
 * the simulation fields. Each adversary is a small, explicit departure from {@link MinerRole}'s
 * honest path; the node's verifier role treats all of them like any other peer.
 */
public sealed interface MinerBehaviour {

    /** Trains, commits on reaching the task's minimum, claims its true score. */
    record Honest() implements MinerBehaviour {}

    /** D16: sends {@code perRound} candidates claiming 1, 2, ... more than its model reaches, and no honest one. */
    record FalseClaims(int perRound) implements MinerBehaviour {
        public FalseClaims {
            if (perRound < 1) {
                throw new IllegalArgumentException("a false-claims miner sends at least one claim, got " + perRound);
            }
        }
    }

    /**
     * D18: trains for another parent (another round's mapping layer, as a model prepared before
     * the parent existed would be), skips the accuracy check and commits.
     */
    record Premined() implements MinerBehaviour {}

    /**
     * D17 (model stealing): trains nothing; commits the model hash of the first other miner's
     * commitment it sees on the round's parent, and once that miner's candidate brings the weights,
     * sends them under its own header with the same claim.
     */
    record CopyModel() implements MinerBehaviour {}

    /**
     * D17 (replay): trains nothing; commits the task's last winning model at once and claims the
     * score that model won its round with. Sits out the task's first round (nothing to replay).
     */
    record StaleModel() implements MinerBehaviour {}

    /**
     * D17 (commitment after the reveal, PoDL's test-set overfitting): trains, holds its commitment
     * back, and once the shard is revealed fine-tunes on it for {@code fineTuneSteps} steps, then
     * commits and sends its candidate.
     */
    record LateCommit(long fineTuneSteps) implements MinerBehaviour {
        public LateCommit {
            if (fineTuneSteps < 1) {
                throw new IllegalArgumentException(
                        "a late committer fine-tunes at least one step, got " + fineTuneSteps);
            }
        }
    }

    /**
     * D20 (withholding): trains and commits honestly, then sends its candidate header claiming
     * every sample of the shard right without the model bytes.
     */
    record WithholdModel() implements MinerBehaviour {}

    /**
     * D19 (shard integrity): mines honestly and, as soon as a round starts, broadcasts a forged
     * reveal of the round: a RevealShard signed with its own key naming the hash of bytes of its
     * choosing (here its training set), so that nodes which took it would close phase 1 early and
     * score candidates on data the requester never committed to.
     */
    record ForgedReveal() implements MinerBehaviour {}

    /**
     * Issue 15 (lazy-rekey): trains nothing; commits the task's last winner re-keyed to this round's
     * mapping layer under a record that claims the plan's steps from it, with a made-up trace. Sits
     * out the task's first round.
     */
    record LazyRekey() implements MinerBehaviour {}

    /**
     * Issue 15 (premined-rekey): trains for another parent (another round's labels, as a model
     * prepared before the parent existed would be), re-keys the model to this round's layer (it
     * then scores like an honest one) and commits it under this round's record with a made-up trace.
     */
    record PreminedRekey() implements MinerBehaviour {}

    /**
     * Issue 15 (partial-work): trains the first {@code 1 - fraction} of the record's segments, then
     * claims the rest: every later checkpoint repeats the state reached, the model is the one reached.
     */
    record PartialWork(double fraction) implements MinerBehaviour {
        public PartialWork {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("a partial-work miner skips a fraction in (0, 1], got " + fraction);
            }
        }

        /** The segments it does not train, of {@code segments} (at least one). */
        public int fakeSegments(int segments) {
            return (int) Math.max(1, Math.min(segments, Math.round(fraction * segments)));
        }
    }

    /**
     * Issue 15 (one-jump): an honest record except one segment, chosen at random, at whose end the
     * parameters become a model it did not train there (the last winner re-keyed, or one trained for
     * another parent); training goes on honestly from it.
     */
    record OneJump() implements MinerBehaviour {}

    /**
     * Issue 15 (instant-commit): commits the last winner re-keyed at once, with no work, to set off
     * the requester's reveal before honest miners have finished (so that their commitments come
     * late); mines nothing else.
     */
    record InstantCommit() implements MinerBehaviour {}

    /**
     * Issue 15 (sync-copy): trains and commits nothing; when another miner's candidate arrives it
     * sends a sibling block with the same weights and claim under its own header, a made-up trace and
     * a commitment made after the reveal, reusing the round's reveal: the block a node syncing later,
     * which never saw the round's commitments, would be offered beside the real winner (equal score,
     * so only the tip-hash tie-break would separate them).
     */
    record SyncCopy() implements MinerBehaviour {}

    static MinerBehaviour honest() {
        return new Honest();
    }
}
