package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the round's block among candidates (PROTOCOL.md 3.4): ordered by claimed score
 * (highest first), then earliest commitment (its place in the reveal's list), then lowest block hash; verified in that order,
 * at most {@code maxEvaluations} of them ({@link TaskRules#MAX_EVALUATIONS_PER_ROUND} by default);
 * the first valid one wins. Once a candidate of a source (the peer that relayed it, or its miner)
 * fails a rule, the source's other candidates of the round are dropped unevaluated: a false claimant is
 * penalised after its first failure, so a flood from one source costs one evaluation and the
 * honest block connects within (sources that failed + 1) evaluations. Every rejected candidate
 * comes back with its typed reason so the node can penalise its peer and show the miner why it
 * lost. Pure: the verifier is a function argument.
 */
public final class CandidateSelection {
    /** The verification order: claimed score desc, commitment order asc, block hash asc. */
    public static final Comparator<Candidate> ORDER = Comparator.comparingLong(
                    (Candidate c) -> ForkChoice.score(c.block().header()))
            .reversed()
            .thenComparingLong(Candidate::commitmentOrder)
            .thenComparing(c -> c.block().header().hash());

    /**
     * Where {@code block}'s commitment stands in the list of its reveal (0 first): the commitment
     * order of {@link Candidate}, from chain data. {@link Long#MAX_VALUE} when the block is not a pole
     * block or its reveal does not list it (it will fail NO_COMMITMENT).
     */
    public static long listedOrder(Hash chainId, Block block) {
        if (!(block.header().proof() instanceof PoleProof)
                || block.transactions().isEmpty()
                || !(block.transactions().getLast() instanceof SignedTransaction s)
                || !(s.body().payload() instanceof RevealShard reveal)) {
            return Long.MAX_VALUE;
        }
        int at = reveal.indexOf(Commitment.of(chainId, block).id());
        return at < 0 ? Long.MAX_VALUE : at;
    }

    /** A candidate block, where its commitment is listed (smaller is earlier, {@link #listedOrder}), and who sent it. */
    public record Candidate(Block block, long commitmentOrder, String source) {
        public Candidate {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(source, "source");
        }

        /** A candidate whose source is its miner (the key in hex). */
        public static Candidate byMiner(Block block, long commitmentOrder) {
            return new Candidate(block, commitmentOrder, block.header().miner().toHex());
        }
    }

    /** A candidate that lost because it broke {@code reason}. */
    public record Rejection(Hash blockHash, PublicKey miner, InvalidReason reason, String detail) {}

    /**
     * @param winner the first candidate verified valid, with its verdict
     * @param rejected invalid candidates in evaluation order
     * @param undecided candidates that could not be judged (missing blobs): fetch and retry
     * @param dropped candidates of sources that had already failed this round, never evaluated
     * @param notEvaluated candidates beyond the evaluation cap, in order
     */
    public record Selection(
            Optional<Verdict.Valid> winner,
            Optional<Block> winningBlock,
            List<Rejection> rejected,
            List<Block> undecided,
            List<Block> dropped,
            List<Block> notEvaluated,
            int evaluations) {
        public Selection {
            rejected = List.copyOf(rejected);
            undecided = List.copyOf(undecided);
            dropped = List.copyOf(dropped);
            notEvaluated = List.copyOf(notEvaluated);
        }
    }

    private CandidateSelection() {}

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
        List<Block> dropped = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        int evaluations = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Candidate candidate = ordered.get(i);
            Block block = candidate.block();
            if (failed.contains(candidate.source())) {
                dropped.add(block);
                continue;
            }
            if (evaluations == maxEvaluations) {
                List<Block> rest = ordered.subList(i, ordered.size()).stream()
                        .map(Candidate::block)
                        .toList();
                return new Selection(
                        Optional.empty(), Optional.empty(), rejected, undecided, dropped, rest, evaluations);
            }
            evaluations++;
            switch (verifier.apply(block)) {
                case Verdict.Valid v -> {
                    List<Block> rest = ordered.subList(i + 1, ordered.size()).stream()
                            .map(Candidate::block)
                            .toList();
                    return new Selection(
                            Optional.of(v), Optional.of(block), rejected, undecided, dropped, rest, evaluations);
                }
                case Verdict.Invalid inv -> {
                    rejected.add(
                            new Rejection(block.header().hash(), block.header().miner(), inv.reason(), inv.detail()));
                    failed.add(candidate.source());
                }
                case Verdict.Undecided u -> undecided.add(block);
            }
        }
        return new Selection(Optional.empty(), Optional.empty(), rejected, undecided, dropped, List.of(), evaluations);
    }
}
