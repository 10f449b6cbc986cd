package io.learnchain.node.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.PoleFixture;
import io.learnchain.chain.pole.PrivateRounds;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.clock.ManualClock;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.InMemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The requester's auditor on a private task's round (PROTOCOL.md 3.8, 3.9): it replays the won
 * round on the training set decrypted with the keys of the block's reveal, and when the replay
 * departs it sends a fraud proof carrying those keys, which refutes the payout on the chain. An
 * honest private round sends nothing.
 */
class AuditorRoleTest {
    private final PrivateRounds rounds = new PrivateRounds();
    private final PoleFixture fx = rounds.fx;
    private final List<GossipMessage> sent = new ArrayList<>();
    private final List<PoleEvent> events = new ArrayList<>();

    /** A node on the fixture's pole genesis that reads the fixture's blobs as they are added. */
    private ChainService node(long nowSeconds) {
        Mempool mempool = new Mempool(
                MempoolConfig.DEFAULT, new AdmissionRules(ChainRules.of(fx.genesis), SignatureVerifier.ED25519));
        BlobView live = hash -> Optional.ofNullable(fx.blobs().get(hash));
        return ChainService.open(
                fx.genesis,
                InMemoryChainStore.create(fx.genesis.chainId()),
                mempool,
                new EventBus(64),
                new NodeMetrics(),
                new ManualClock(nowSeconds * 1000),
                SignatureVerifier.ED25519,
                live,
                ComputePool.serial());
    }

    private static void connect(ChainService chain, Block block) {
        ImportResult result = chain.importSynced(block, VerifyLevel.SEGMENTS);
        assertThat(result).as(result.toString()).isInstanceOf(ImportResult.Connected.class);
    }

    /** The requester's auditor on {@code chain}, replaying 5 steps a scheduler task. */
    private AuditorRole auditor(ChainService chain, VirtualScheduler scheduler) {
        KeyPair requester = PoleFixture.key(PoleFixture.REQUESTER);
        return new AuditorRole(
                "requester",
                AuditorRole.keyFor(requester),
                chain,
                sent::add,
                scheduler,
                events::add,
                ComputePool.serial(),
                AuditorRole.tasksOf(PoleFixture.address(PoleFixture.REQUESTER)),
                () -> 0L,
                5);
    }

    /**
     * A node that connects {@code posting}, then the round's block {@code won} with the requester's
     * auditor attached, and runs the audit to its end (chunk by chunk); its clock is an hour after
     * the block, past the next round's max phase.
     */
    private ChainService audited(Block posting, Block won) {
        ChainService chain = node(won.header().timestamp() + 3600);
        VirtualScheduler scheduler = new VirtualScheduler(won.header().timestamp() * 1000);
        connect(chain, posting);
        AuditorRole auditor = auditor(chain, scheduler);
        connect(chain, won);
        auditor.onTip();
        while (scheduler.step(Long.MAX_VALUE)) {
            // the next chunk
        }
        return chain;
    }

    @Test
    void auditsAPrivateRoundWithItsRevealsKeysAndItsProofRefutesTheForgery() {
        Block posting = rounds.posting();
        ChainTip t1 = fx.connect(ChainTip.genesis(fx.genesis), posting);
        Block forged = rounds.uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        ChainService chain = audited(posting, forged);

        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        PoleEvent.Audited.class,
                        a -> assertThat(a.falseSegment()).isEqualTo(PrivateRounds.JUMP));
        assertThat(sent).singleElement().isInstanceOf(GossipMessage.FraudProof.class);
        GossipMessage.FraudProof proof = (GossipMessage.FraudProof) sent.getFirst();
        WorkFraud fraud = proof.fraud();
        RevealShard reveal = (RevealShard)
                ((SignedTransaction) forged.transactions().getLast()).body().payload();
        assertThat(fraud.tag()).isEqualTo(WorkFraud.KEYED_TAG);
        assertThat(fraud.roundKeys()).isEqualTo(reveal.roundKeys()).hasSize(PrivateRounds.PROJECTION.width());
        assertThat(fraud.segment()).isEqualTo(PrivateRounds.JUMP);
        assertThat(proof.openingMatches()).isTrue();

        // the proof, mined by anybody, refutes the held payout
        fx.put(proof.opening());
        Block refuting = fx.forfeit(t2, List.of(proof.tx()));
        connect(chain, refuting);
        TaskState task = chain.head().tip().state().tasks().get(1).orElseThrow();
        assertThat(task.held()).isEmpty();
        assertThat(task.refuted()).containsExactly(((PoleProof) forged.header().proof()).modelHash());
    }

    @Test
    void anHonestPrivateRoundIsAuditedAndNothingIsSent() {
        Block posting = rounds.posting();
        ChainTip t1 = fx.connect(ChainTip.genesis(fx.genesis), posting);
        Block honest = rounds.minedBlock(t1, PrivateRounds.keys(fx.learning(t1).roundKey()));
        audited(posting, honest);

        assertThat(events).singleElement().isInstanceOfSatisfying(PoleEvent.Audited.class, a -> {
            assertThat(a.falseSegment()).isEqualTo(-1);
            assertThat(a.block()).isEqualTo(honest.hash());
        });
        assertThat(sent).isEmpty();
    }
}
