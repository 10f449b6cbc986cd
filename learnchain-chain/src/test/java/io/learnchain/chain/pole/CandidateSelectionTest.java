package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PoleFixture.MINER;
import static io.learnchain.chain.pole.PoleFixture.OTHER_MINER;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SCENARIOS D16: false-claim floods are bounded; the honest block connects. */
class CandidateSelectionTest {
    private static final PoleFixture F = new PoleFixture();
    private static ChainTip t1;
    private static PoleFixture.Honest honest;
    private static List<Block> liars;

    @BeforeAll
    static void round() {
        t1 = F.withTask();
        honest = F.honest(t1, MINER, 1, 120, 1);
        liars = new ArrayList<>();
        TrainingRecord rec = PoleFixture.record(t1, OTHER_MINER, 500, 20, new TrainingStart.FromSeed(500));
        Model weak = F.train(t1, rec, null);
        long honestScore = PoleFixture.proof(honest.block()).claimedScore();
        for (int i = 0; i < 50; i++) {
            long claim = Math.min(64, honestScore + 1 + i % 5);
            liars.add(F.pole(t1, OTHER_MINER, weak.hash(), rec, 500, claim, List.of(), F.reveal(t1, 1)));
        }
    }

    private static ValidationContext context(List<Block> blocks) {
        return F.context();
    }

    @Test
    void honestBlockConnectsWithinCapPlusOneUnderFiftyFalseClaimsFromOneSource() {
        List<Block> all = new ArrayList<>(liars);
        all.add(honest.block());
        ValidationContext ctx = context(all);
        AtomicInteger evaluated = new AtomicInteger();
        List<CandidateSelection.Candidate> cs = new ArrayList<>();
        for (int i = 0; i < liars.size(); i++) {
            cs.add(new CandidateSelection.Candidate(liars.get(i), i, "attacker-peer"));
        }
        cs.add(new CandidateSelection.Candidate(honest.block(), 50, "honest-peer"));
        var sel = CandidateSelection.select(cs, b -> {
            evaluated.incrementAndGet();
            return BlockProcessor.apply(t1, b, F.rules, ctx);
        });
        System.out.printf(
                "flood of 50 false claims + 1 honest: %d evaluations (cap K = %d)%n",
                evaluated.get(), TaskRules.MAX_EVALUATIONS_PER_ROUND);
        assertThat(sel.winningBlock()).contains(honest.block());
        assertThat(evaluated.get())
                .isLessThanOrEqualTo(TaskRules.MAX_EVALUATIONS_PER_ROUND + 1)
                .isEqualTo(2);
        assertThat(sel.rejected())
                .singleElement()
                .extracting(CandidateSelection.Rejection::reason)
                .isEqualTo(InvalidReason.FALSE_SCORE_CLAIM);
        assertThat(sel.dropped()).hasSize(49);
    }

    @Test
    void neverEvaluatesMoreThanTheCapWhenEveryLiarIsItsOwnSource() {
        List<CandidateSelection.Candidate> cs = new ArrayList<>();
        for (int i = 0; i < liars.size(); i++) {
            cs.add(new CandidateSelection.Candidate(liars.get(i), i, "sybil-" + i));
        }
        cs.add(new CandidateSelection.Candidate(honest.block(), 50, "honest-peer"));
        ValidationContext ctx = context(liars);
        AtomicInteger evaluated = new AtomicInteger();
        var sel = CandidateSelection.select(cs, b -> {
            evaluated.incrementAndGet();
            return BlockProcessor.apply(t1, b, F.rules, ctx);
        });
        assertThat(evaluated.get()).isEqualTo(TaskRules.MAX_EVALUATIONS_PER_ROUND);
        assertThat(sel.winner()).isEmpty();
        assertThat(sel.notEvaluated()).hasSize(51 - TaskRules.MAX_EVALUATIONS_PER_ROUND);
    }

    @Test
    void ordersByClaimThenCommitmentOrderThenBlockHash() {
        Block a = liars.get(0);
        Block b = PoleFixture.withProof(
                honest.block(),
                PoleFixture.proof(honest.block())
                        .withClaimedScore(PoleFixture.proof(a).claimedScore()),
                MINER);
        var ca = new CandidateSelection.Candidate(a, 3, "x");
        var cb = new CandidateSelection.Candidate(b, 1, "y");
        var ch = new CandidateSelection.Candidate(honest.block(), 0, "z");
        List<CandidateSelection.Candidate> list = new ArrayList<>(List.of(ch, ca, cb));
        list.sort(CandidateSelection.ORDER);
        assertThat(PoleFixture.proof(a).claimedScore())
                .isEqualTo(PoleFixture.proof(b).claimedScore());
        assertThat(list).containsExactly(cb, ca, ch);
        var sameOrder = new CandidateSelection.Candidate(b, 3, "y");
        List<CandidateSelection.Candidate> tie = new ArrayList<>(List.of(ca, sameOrder));
        tie.sort(CandidateSelection.ORDER);
        assertThat(tie.getFirst().block().header().hash())
                .isLessThan(tie.getLast().block().header().hash());
    }

    @Test
    void undecidedCandidatesAreNotRejected() {
        ValidationContext noBlobs = F.syncContext;
        var sel = CandidateSelection.select(
                List.of(CandidateSelection.Candidate.byMiner(honest.block(), 0)),
                b -> BlockProcessor.apply(t1, b, F.rules, noBlobs));
        assertThat(sel.undecided()).containsExactly(honest.block());
        assertThat(sel.rejected()).isEmpty();
        assertThat(BlockProcessor.apply(t1, honest.block(), F.rules, noBlobs)).isInstanceOf(Verdict.Undecided.class);
    }
}
