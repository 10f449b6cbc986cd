package io.learnchain.chain.lifelong;

import static io.learnchain.chain.lifelong.LifelongVectors.A;
import static io.learnchain.chain.lifelong.LifelongVectors.B;
import static io.learnchain.chain.lifelong.LifelongVectors.F;
import static io.learnchain.chain.lifelong.LifelongVectors.LOSS_A;
import static io.learnchain.chain.lifelong.LifelongVectors.LOSS_B;
import static io.learnchain.chain.lifelong.LifelongVectors.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.state.LifelongRecords.LossKind;
import io.learnchain.chain.state.LifelongStatus;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.state.WorldStateCodec;
import io.learnchain.chain.transition.TransactionAdmission;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lifelong rules' effects on the state, beyond the verdicts the vectors pin. */
class LifelongRulesTest {
    private static ChainTip replay(List<Block> blocks) {
        ChainTip tip = T0;
        for (Block b : blocks) {
            tip = F.connect(tip, b);
        }
        return tip;
    }

    private static ChainTip scenario(String name) {
        return replay(LifelongVectors.all().get(name).blocks());
    }

    @Test
    void revealMeasuresTheInitialLossOnTheTwoPickedParts() {
        LifelongModel m = LifelongFixture.model(scenario("reveal"));
        assertThat(m.status()).isEqualTo(LifelongStatus.ACTIVE);
        assertThat(m.lossParts()).hasSize(2).isSubsetOf(LifelongFixture.hashes(LifelongFixture.OLD_PARTS));
        assertThat(m.history()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(LossKind.DEPLOYED);
            assertThat(p.loss()).isEqualTo(m.loss()).isPositive();
        });
    }

    @Test
    void epochCloseMakesTheLowestLossCurrentAndAwardsBadges() {
        ChainTip tip = scenario("epoch-close");
        LifelongModel m = LifelongFixture.model(tip);
        boolean bWins = LOSS_B < LOSS_A;
        assertThat(m.weights()).isEqualTo(bWins ? B.hash() : A.hash());
        assertThat(m.loss()).isEqualTo(Math.min(LOSS_A, LOSS_B));
        assertThat(m.proposals()).isEmpty();
        assertThat(m.history().getLast().kind()).isEqualTo(LossKind.EPOCH);
        var badges2 = tip.state().lifelong().badges(ChainFixture.address(2));
        var badges3 = tip.state().lifelong().badges(ChainFixture.address(3));
        assertThat(badges2.participation()).isEqualTo(1);
        assertThat(badges3.participation()).isEqualTo(1);
        assertThat(badges2.best() + badges3.best()).isEqualTo(1);
        assertThat((bWins ? badges3 : badges2).reputation()).isEqualTo(2);
    }

    @Test
    void aMissedRevealVoidsTheDeploymentAndAMissedGrowthRevealKeepsTheOldModel() {
        List<Block> late = LifelongVectors.all().get("reveal-after-window").blocks();
        ChainTip tip = replay(late.subList(0, late.size() - 1));
        ChainTip next = F.connect(tip, F.mine(tip, List.of()));
        assertThat(LifelongFixture.model(next).status()).isEqualTo(LifelongStatus.VOID);
        ChainTip missed = scenario("grow-reveal-missed");
        LifelongModel m = LifelongFixture.model(missed);
        assertThat(m.spec()).isEqualTo(LifelongFixture.SPEC.text());
        assertThat(m.pending()).isEmpty();
        assertThat(m.proposals()).hasSize(1);
    }

    @Test
    void growthRevealMakesTheGrownModelCurrentWithOldSpecFrozen() {
        LifelongModel m = LifelongFixture.model(scenario("grow-reveal"));
        assertThat(m.spec()).isEqualTo(LifelongFixture.GROWN.text());
        assertThat(m.frozenSpec()).isEqualTo(LifelongFixture.SPEC.text());
        assertThat(m.generation()).isEqualTo(1);
        assertThat(m.lossParts()).hasSize(3);
        assertThat(m.history().getLast().kind()).isEqualTo(LossKind.GROWN);
    }

    @Test
    void aProvenFalseClaimStrikesTheProposerAndCreditsTheChallenger() {
        ChainTip tip = scenario("challenge");
        assertThat(tip.state().lifelong().badges(ChainFixture.address(2)).strikes())
                .isEqualTo(1);
        assertThat(tip.state().lifelong().badges(ChainFixture.address(3)).challenges())
                .isEqualTo(1);
        assertThat(LifelongFixture.model(tip).challenged()).hasSize(1);
    }

    @Test
    void worldStateWithLifelongRoundTripsAndAnEmptyRegistryLeavesTheRoot() {
        ChainTip tip = scenario("epoch-close");
        WorldState s = tip.state();
        byte[] bytes = WorldStateCodec.INSTANCE.encode(s);
        assertThat(bytes[0]).isEqualTo((byte) 3);
        WorldState back = WorldStateCodec.INSTANCE.decode(bytes);
        assertThat(back.root()).isEqualTo(s.root());
        assertThat(back.lifelong()).isEqualTo(s.lifelong());
        WorldState plain = ChainFixture.genesisTip().state();
        assertThat(plain.withLifelong(LifelongBook.EMPTY).root()).isEqualTo(plain.root());
        assertThat(s.withLifelong(LifelongBook.EMPTY).root()).isNotEqualTo(s.root());
    }

    @Test
    void newPayloadsRoundTripThroughTheTransactionCodec() {
        ChainTip t2 = LifelongVectors.T2;
        SignedTransaction claim = F.propose(t2, 2, A, LOSS_A);
        List<Payload> payloads = List.of(
                F.deployTerms(),
                new RevealParts(1),
                new ProposeUpdate(1, Hash.ZERO, A.hash(), 5),
                new Challenge(1, claim),
                F.growTerms(A.hash(), LifelongVectors.GROWN));
        for (Payload p : payloads) {
            SignedTransaction tx = F.tx(t2, 1, p);
            Transaction back = TransactionCodec.INSTANCE.decode(TransactionCodec.INSTANCE.encode(tx));
            assertThat(back).isEqualTo(tx);
            assertThat(((SignedTransaction) back).body().payload().tag()).isBetween(16, 20);
        }
    }

    @Test
    void rejectsMalformedTerms() {
        assertThatThrownBy(() -> new DeployModel("x", Hash.ZERO, 1, 0, 1, 1, 1, List.of(Hash.ZERO)))
                .hasMessageContaining("loss function");
        assertThatThrownBy(() -> new DeployModel("x", Hash.ZERO, 0, 0, 2, 1, 1, List.of(Hash.ZERO)))
                .hasMessageContaining("picks 1..1");
        assertThatThrownBy(() -> new GrowModel(1, Hash.ZERO, "x", Hash.ZERO, 0, 1, List.of(Hash.ZERO, Hash.ZERO)))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new Challenge(1, F.tx(T0, 1, new RevealParts(1))))
                .hasMessageContaining("ProposeUpdate");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void partPickIsDeterministicDistinctAndSorted(int k) {
        Hash block = Hash.sha256(new byte[] {(byte) k});
        List<Integer> a = PartPicker.pick(block, 1, 0, 4, k);
        assertThat(a)
                .isEqualTo(PartPicker.pick(block, 1, 0, 4, k))
                .hasSize(k)
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(a).allMatch(i -> i >= 0 && i < 4);
        List<List<Integer>> seen = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            seen.add(PartPicker.pick(Hash.sha256(new byte[] {(byte) b, 9}), 1, 0, 8, 2));
        }
        assertThat(seen.stream().distinct().count()).isGreaterThan(5);
    }

    @Test
    void mempoolAdmitsLifelongTransactionsOfKnownModelsOnly() {
        ChainTip t2 = LifelongVectors.T2;
        assertThat(TransactionAdmission.check(
                        F.propose(t2, 2, A, LOSS_A), t2.state(), ChainFixture.RULES, SignatureVerifier.ED25519))
                .isInstanceOf(TxResult.Applied.class);
        assertThat(TransactionAdmission.check(
                        F.tx(t2, 2, new ProposeUpdate(7, Hash.ZERO, A.hash(), 1)),
                        t2.state(),
                        ChainFixture.RULES,
                        SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(InvalidReason.UNKNOWN_MODEL));
        assertThat(TransactionAdmission.check(
                        F.tx(t2, 2, new RevealParts(1)), t2.state(), ChainFixture.RULES, SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(InvalidReason.NOT_INITIATOR));
        assertThat(TransactionAdmission.check(
                        F.tx(t2, 2, new ProposeUpdate(1, A.hash(), B.hash(), 1)),
                        t2.state(),
                        ChainFixture.RULES,
                        SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(InvalidReason.WRONG_PARENT_MODEL));
        assertThat(TransactionAdmission.check(
                        F.propose(t2, 2, A, LifelongFixture.model(t2).loss()),
                        t2.state(),
                        ChainFixture.RULES,
                        SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(InvalidReason.LOSS_NOT_LOWER));
    }

    @Test
    void blobBytesNeverLeakIntoTheStateOnlyTheirHashes() {
        Map<Hash, byte[]> blobs = F.blobs();
        byte[] state = WorldStateCodec.INSTANCE.encode(scenario("grow-reveal").state());
        assertThat(Bytes.of(state).toHex())
                .doesNotContain(Bytes.of(blobs.get(A.hash())).toHex().substring(200, 264));
    }
}
