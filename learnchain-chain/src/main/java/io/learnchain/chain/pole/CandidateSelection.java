package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.validation.InvalidReason;
import io.learnchain.chain.validation.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the round's block among candidates (PROTOCOL.md 3.4): ordered by claimed score
 * (highest first), then earliest commitment seen, then lowest block hash; verified in that order,
 * at most {@code maxEvaluations} of them ({@link TaskRules#MAX_EVALUATIONS_PER_ROUND} by default);
 * the first valid one wins. Every rejected candidate comes back with its typed reason so the node
 * can penalise its peer and show the miner why it lost. Pure: the verifier is a function argument.
 */
public final class CandidateSelection {
    /** The verification order: claimed score desc, commitment order asc, block hash asc. */
    public static final Comparator<Candidate> ORDER = Comparator
            .comparingLong((Candidate c) -> ForkChoice.score(c.block().header())).reversed()
            .thenComparingLong(Candidate::commitmentOrder)
            .thenComparing(c -> c.block().header().hash());

    /** A candidate block and when this node saw its commitment (smaller is earlier). */
    public record Candidate(Block block, long commitmentOrder) {
        public Candidate {
            Objects.requireNonNull(block, "block");
        }
    }

    /** A candidate that lost because it broke {@code reason}. */
    public record Rejection(Hash blockHash, PublicKey miner, InvalidReason reason, String detail) {
    }

    /**
     * @param winner the first candidate verified valid, with its verdict
     * @param rejected invalid candidates in evaluation order
     * @param undecided candidates that could not be judged (missing blobs): fetch and retry
     * @param notEvaluated candidates beyond the evaluation cap, in order
     */
    public record Selection(Optional<Verdict.Valid> winner, Optional<Block> winningBlock, List<Rejection> rejected,
            List<Block> undecided, List<Block> notEvaluated, int evaluations) {
        public Selection {
            rejected = List.copyOf(rejected);
            undecided = List.copyOf(undecided);
            notEvaluated = List.copyOf(notEvaluated);
        }
    }

    private CandidateSelection() {
    }

    public static Selection select(List<Candidate> candidates, Function<Block, Verdict> verifier) {
        return select(candidates, verifier, TaskRules.MAX_EVALUATIONS_PER_ROUND);
    }

    public static Selection select(List<Candidate> candidates, Function<Block, Verdict> verifier, int maxEvaluations) {
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("evaluate at least one candidate, got a cap of " + maxEvaluations);
        }
        List<Candidate> ordered = new ArrayList<>(candidates);
        ordered.sort(ORDER);
        List<Rejection> rejected = new ArrayList<>();
        List<Block> undecided = new ArrayList<>();
        int evaluations = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Block block = ordered.get(i).block();
            if (evaluations == maxEvaluations) {
                List<Block> rest = ordered.subList(i, ordered.size()).stream().map(Candidate::block).toList();
                return new Selection(Optional.empty(), Optional.empty(), rejected, undecided, rest, evaluations);
            }
            evaluations++;
            switch (verifier.apply(block)) {
                case Verdict.Valid v -> {
                    List<Block> rest = ordered.subList(i + 1, ordered.size()).stream().map(Candidate::block).toList();
                    return new Selection(Optional.of(v), Optional.of(block), rejected, undecided, rest, evaluations);
                }
                case Verdict.Invalid inv -> rejected.add(new Rejection(block.header().hash(), block.header().miner(),
                        inv.reason(), inv.detail()));
                case Verdict.Undecided u -> undecided.add(block);
            }
        }
        return new Selection(Optional.empty(), Optional.empty(), rejected, undecided, List.of(), evaluations);
    }
}
