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
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.CommitmentView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pole blocks against the node's own commitment log: local refusals are not remembered as bad blocks. */
class PoleImportTest {

    /** A pole block of miner 2 on the tip committing an arbitrary model hash (its blob is nowhere). */
    static Block candidate(TestNode node) {
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
        SignedTransaction reveal = SignedTransaction.sign(
                new TxBody(
                        TestNode.GENESIS.chainId(),
                        requester.publicKey(),
                        1,
                        Amount.ZERO,
                        new RevealShard(round.taskId(), tip.hash(), round.shardIndex(), round.shardHash())),
                requester);
        return committed.complete(
                reveal, 7, List.of(), tip.timestamp() + 10, miner, node.chain.rules(), SignatureVerifier.ED25519);
    }

    @Test
    void refusesBlockWithoutCommitmentButDoesNotRememberItAsBad() {
        try (TestNode node = new TestNode()) {
            node.mineAndConnect(KEYS.get(3), List.of(TaskStatePersistenceTest.postTask(0)));
            Block block = candidate(node);
            assertThat(node.chain.importBlock(block))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(InvalidReason.NO_COMMITMENT));

            Commitment commitment = Commitment.of(TestNode.GENESIS.chainId(), block);
            PoleProof proof = (PoleProof) block.header().proof();
            assertThat(node.chain.recordCommitment(commitment, proof.commitmentSignature()))
                    .isTrue();
            assertThat(node.chain.sighting(commitment)).isInstanceOf(CommitmentView.Sighting.BeforeReveal.class);
            // Now past the local rule, the model blob is missing: undecided, not "known bad".
            assertThat(node.chain.importBlock(block))
                    .isInstanceOfSatisfying(
                            ImportResult.Deferred.class,
                            d -> assertThat(d.reason()).isEqualTo(UndecidedReason.MISSING_DATA));
        }
    }

    @Test
    void commitmentAfterRevealIsLate() {
        try (TestNode node = new TestNode()) {
            node.mineAndConnect(KEYS.get(3), List.of(TaskStatePersistenceTest.postTask(0)));
            Block block = candidate(node);
            node.chain.recordReveal(block.header().previous());
            Commitment commitment = Commitment.of(TestNode.GENESIS.chainId(), block);
            node.chain.recordCommitment(commitment, ((PoleProof) block.header().proof()).commitmentSignature());
            assertThat(node.chain.importBlock(block))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(InvalidReason.COMMITMENT_AFTER_REVEAL));
        }
    }
}
