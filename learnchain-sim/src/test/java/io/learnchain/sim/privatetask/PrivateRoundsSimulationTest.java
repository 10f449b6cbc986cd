package io.learnchain.sim.privatetask;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivateRoundsSimulationTest {
    private static final Dataset TRAIN = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
    private static final Dataset TEST = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
    private static final ProjectionSpec SPEC = ProjectionSpec.defaultsFor(28, 28);

    @Test
    void privateRoundsTrainVerifyAndCompareWithTheClearTask() {
        PrivateRoundsConfig config = new PrivateRoundsConfig(2, 7, 400, 200, 32, 0.005f, SPEC);
        List<PrivateRoundsSimulation.RoundRow> rows = new ArrayList<>();
        Map<String, Object> result;
        try (ComputePool pool = new ComputePool(1)) {
            result = new PrivateRoundsSimulation(config, TRAIN, TEST).run(pool, rows);
        }
        System.out.println(PrivateRoundsScenario.text(result, rows));
        assertThat(rows).hasSize(2);
        for (var row : rows) {
            assertThat(row.keysAccepted()).isTrue();
            assertThat(row.verified()).isTrue();
            assertThat(row.privateCorrect()).as("round %d", row.round()).isGreaterThan(350);
            assertThat(row.clearCorrect()).isGreaterThan(row.privateCorrect() - 100);
        }
        assertThat(result.get("allVerified")).isEqualTo(true);
    }

    @Test
    void theMinerHoldsOnlyCiphertextAndGetsTheClearProjectionBitForBit() {
        Dataset clear = PrivateRoundsSimulation.firstSamples(TRAIN, 64);
        DataNode dataNode = new DataNode(clear, SPEC, KeyPair.fromSeed(new byte[32]), EntropySource.seeded(3));
        PrivateMiner miner = new PrivateMiner(SPEC, dataNode.encryptedBlob(), ComputePool.serial());
        byte[] stored = miner.storedBlob();
        assertThat(stored).isNotEqualTo(DatasetCodec.encode(clear));
        assertThat(indexOf(stored, DatasetCodec.encode(PrivateRoundsSimulation.slice(clear, 0, 1))))
                .isEqualTo(-1);

        Hash roundKey = SecureMappingLayer.roundKey(PrivateRoundsSimulation.parentOf(3, 0), 1);
        var keys = dataNode.roundKeys(roundKey);
        assertThat(miner.features(roundKey, keys).features())
                .isEqualTo(SPEC.project(clear, SPEC.weights(roundKey)).features());

        Hash nextRound = SecureMappingLayer.roundKey(PrivateRoundsSimulation.parentOf(3, 1), 1);
        assertThat(miner.keysMatch(nextRound, keys)).as("last round's keys").isFalse();
        assertThat(miner.keysMatch(nextRound, dataNode.roundKeys(nextRound))).isTrue();

        Hash chain = PrivateRoundsSimulation.CHAIN_ID;
        Hash parent = PrivateRoundsSimulation.parentOf(3, 1);
        var release = dataNode.release(chain, 1, parent);
        assertThat(miner.problem(release, chain, 1, parent, dataNode.requester()))
                .isEmpty();
        var forged = new DataNode(clear, SPEC, KeyPair.fromSeed(new byte[32]), EntropySource.seeded(4))
                .release(chain, 1, parent);
        assertThat(miner.problem(forged, chain, 1, parent, dataNode.requester()))
                .as("another master key's keys, signed by the same requester")
                .hasValueSatisfying(p -> assertThat(p).contains("key 0"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
