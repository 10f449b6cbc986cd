package io.learnchain.node.chain;

import static io.learnchain.node.chain.TestNode.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundCommitments;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WitnessedCommitment;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pole blocks against their reveal's list of commitments (PROTOCOL.md 3.3): the same verdict live and
 * at sync, whatever this node's own commitment log says; the log feeds the requester's list.
 */
class PoleImportTest {

    /**
     * A pole block of miner 2 on the tip committing an arbitrary model hash (its blob is nowhere),
     * whose reveal lists its commitment when {@code listIt}.
     */
    static Block candidate(TestNode node, boolean listIt) {
        ChainTip tip = node.chain.head().tip();
        Round.Learning round = (Round.Learning) RoundDriver.round(tip, node.chain.rules());
        KeyPair miner = KEYS.get(2);
        TrainingRecord record = new TrainingRecord(
                new TrainingStart.FromSeed(TaskRules.initSeed(tip.hash(), miner.publicKey(), 1)),
                Optimizer.Adam.of(0.02f),
                32,
                10,
                TaskRules.dataOrderSeed(tip.hash(), miner.publicKey(), 1));
        CandidateBlockBuilder.Committed committed = CandidateBlockBuilder.commit(
                tip,
                node.chain.rules(),
                round,
                miner,
                List.of(),
                Hash.sha256(new byte[] {42}),
                record,
                WorkProof.committed(java.util.Collections.nCopies(11, Hash.ZERO), Hash.ZERO),
                1,
                SignatureVerifier.ED25519);
        KeyPair requester = KEYS.get(1);
        List<WitnessedCommitment> listed = listIt
                ? List.of(new WitnessedCommitment(
                        committed.commitment().id(), committed.commitment().modelHash()))
                : List.of();
        SignedTransaction reveal = SignedTransaction.sign(
                new TxBody(
                        TestNode.GENESIS.chainId(),
                        requester.publicKey(),
                        1,
                        Amount.ZERO,
                        new RevealShard(round.taskId(), tip.hash(), round.shardIndex(), round.shardHash(), listed)),
                requester);
        return committed.complete(
                reveal, 7, List.of(), tip.timestamp() + 10, miner, node.chain.rules(), SignatureVerifier.ED25519);
    }

    @Test
    void aBlockWhoseRevealDoesNotListItsCommitmentIsInvalidLiveAndAtSync() {
        try (TestNode node = new TestNode()) {
            node.mineAndConnect(KEYS.get(3), List.of(TaskStatePersistenceTest.postTask(0)));
            Block unlisted = candidate(node, false);
            // this node saw the commitment before any reveal: its own log does not matter, the reveal's list does
            Commitment commitment = Commitment.of(TestNode.GENESIS.chainId(), unlisted);
            assertThat(node.chain.recordCommitment(
                            commitment, ((PoleProof) unlisted.header().proof()).commitmentSignature()))
                    .isTrue();
            assertThat(node.chain.importBlock(unlisted))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(InvalidReason.NO_COMMITMENT));
            assertThat(node.chain.importSynced(unlisted, VerifyLevel.SEGMENTS))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.detail()).contains("known bad block"));
        }
        try (TestNode fresh = new TestNode()) { // a node that syncs later and never saw the commitment
            fresh.mineAndConnect(KEYS.get(3), List.of(TaskStatePersistenceTest.postTask(0)));
            Block listed = candidate(fresh, true);
            // past the commitment rule, the model blob is missing: undecided, not invalid
            assertThat(fresh.chain.importSynced(listed, VerifyLevel.SEGMENTS))
                    .isInstanceOfSatisfying(
                            ImportResult.Deferred.class,
                            d -> assertThat(d.reason()).isEqualTo(UndecidedReason.MISSING_DATA));
            assertThat(fresh.chain.importSynced(candidate(fresh, false), VerifyLevel.SEGMENTS))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(InvalidReason.NO_COMMITMENT));
        }
    }

    @Test
    void theRequesterListsTheCommitmentsReceivedBeforeItsRevealOnly() {
        try (TestNode node = new TestNode()) {
            node.mineAndConnect(KEYS.get(3), List.of(TaskStatePersistenceTest.postTask(0)));
            Block block = candidate(node, false);
            Commitment commitment = Commitment.of(TestNode.GENESIS.chainId(), block);
            PoleProof proof = (PoleProof) block.header().proof();
            Hash parent = block.header().previous();
            node.chain.recordCommitment(commitment, proof.commitmentSignature());
            assertThat(node.chain.witnessedCommitments(parent, proof.taskId()))
                    .containsExactly(new WitnessedCommitment(commitment.id(), commitment.modelHash()));
            assertThat(node.chain.witnessedCommitments(parent, proof.taskId() + 1))
                    .isEmpty();
            node.chain.recordReveal(parent);
            Commitment late = new Commitment(
                    commitment.chainId(),
                    commitment.height(),
                    parent,
                    commitment.taskId(),
                    KEYS.get(2).publicKey(),
                    Hash.sha256(new byte[] {7}),
                    commitment.recordHash(),
                    commitment.bodyRoot());
            assertThat(node.chain.recordCommitment(late, late.sign(KEYS.get(2))))
                    .isTrue();
            assertThat(node.chain.sighting(late)).isInstanceOf(RoundCommitments.Sighting.AfterReveal.class);
            assertThat(node.chain.witnessedCommitments(parent, proof.taskId())).hasSize(1);
        }
    }
}
