package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.lifelong.FixedPointLoss;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.clock.ManualClock;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A lifelong model deployed, revealed and improved through /api/v1/lifelong on a running node. */
class LifelongApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec SPEC = ModelSpec.parse("input 6 | dense 8 | relu | dense 3");
    private static final List<Dataset> PARTS = DatasetShards.split(data("test", 240, 5), 4, 1);
    private static final Dataset TRAIN = data("train", 300, 6);
    private static LearnchainNode node;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        NodeConfig config = NodeConfig.dev(Optional.empty(), 0, 10).withMinerKey(Optional.empty());
        node = LearnchainNode.start(config, new ManualClock(1_800_000_000_000L));
        http = new HttpTestClient(node.apiPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Dataset data(String name, int count, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[count * 6];
        int[] y = new int[count];
        for (int s = 0; s < count; s++) {
            y[s] = rng.nextInt(3);
            for (int i = 0; i < 6; i++) {
                x[s * 6 + i] = (float) ((i % 3 == y[s] ? 1.5 : 0) + rng.nextGaussian() * 0.5);
            }
        }
        return new Dataset(name, new int[] {6}, 3, x, y);
    }

    private static SignedTransaction tx(int from, Payload p) {
        KeyPair k = DevAccounts.keys(from);
        long nonce = node.chain().account(DevAccounts.address(from)).nonce();
        return SignedTransaction.sign(
                new TxBody(node.chain().genesis().chainId(), k.publicKey(), nonce, Amount.ZERO, p), k);
    }

    private static HttpResponse<String> submit(SignedTransaction tx, byte[]... blobs) throws Exception {
        List<String> hex = new ArrayList<>();
        for (byte[] b : blobs) {
            hex.add(Bytes.wrap(b).toHex());
        }
        return http.post(
                "/api/v1/lifelong/transactions",
                JSON.writeValueAsString(Map.of(
                        "hex", Bytes.wrap(TransactionCodec.INSTANCE.encode(tx)).toHex(), "blobs", hex)));
    }

    private static void mineBlock() {
        var head = node.chain().head();
        var block = BlockAssembler.mine(
                        head.tip(),
                        node.chain().mempool().select(head.tip().state(), 100),
                        DevAccounts.keys(5),
                        1_799_999_000L + head.height().value() * 10,
                        node.chain().rules(),
                        1_000_000,
                        new LifelongEnv(node.chain().blobs(), ComputePool.serial()))
                .orElseThrow();
        node.chain().importBlock(block);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aRefusedTransactionLeavesNoBlobBehind() throws Exception {
        Model weights = Initializer.initialize(SPEC, 99);
        DeployModel deploy = new DeployModel(
                SPEC.text(),
                weights.hash(),
                0,
                900_000,
                2,
                2,
                3,
                PARTS.stream().map(DatasetCodec::hash).toList());
        // dev:1's body carrying a signature dev:2 made over another body: the signature is bad
        TxBody body =
                new TxBody(node.chain().genesis().chainId(), DevAccounts.keys(1).publicKey(), 0, Amount.ZERO, deploy);
        TxBody other =
                new TxBody(node.chain().genesis().chainId(), DevAccounts.keys(2).publicKey(), 0, Amount.ZERO, deploy);
        SignedTransaction forged = new SignedTransaction(
                body, SignedTransaction.sign(other, DevAccounts.keys(2)).signature());
        HttpResponse<String> refused = submit(forged, weights.canonicalBytes());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(http.get("/api/v1/lifelong/blobs/" + weights.hash().toHex()).statusCode())
                .as("the refused transaction's 'weights' blob is not kept")
                .isEqualTo(404);
    }

    @Test
    void deployRevealProposeAndShowThroughTheApi() throws Exception {
        Model initial = Initializer.initialize(SPEC, 3);
        List<Hash> partHashes = PARTS.stream().map(DatasetCodec::hash).toList();
        DeployModel deploy = new DeployModel(SPEC.text(), initial.hash(), 0, 900_000, 2, 2, 3, partHashes);
        SignedTransaction unreferenced = tx(1, deploy);
        HttpResponse<String> wrongBlob = submit(unreferenced, DatasetCodec.encode(PARTS.get(0)));
        assertThat(wrongBlob.statusCode()).isEqualTo(422);
        assertThat(wrongBlob.body()).contains("UNREFERENCED_BLOB");
        assertThat(submit(tx(1, deploy), initial.canonicalBytes()).statusCode()).isEqualTo(202);
        mineBlock();
        assertThat(get("/api/v1/lifelong").path("models").get(0).path("status").asText())
                .isEqualTo("selecting");
        mineBlock();
        JsonNode picked = get("/api/v1/lifelong/1").path("pending");
        assertThat(picked.path("pickedHashes")).hasSize(2);
        List<byte[]> reveal = new ArrayList<>();
        List<Dataset> revealed = new ArrayList<>();
        for (JsonNode h : picked.path("pickedHashes")) {
            int i = partHashes.indexOf(Hash.fromHex(h.asText()));
            reveal.add(DatasetCodec.encode(PARTS.get(i)));
            revealed.add(PARTS.get(i));
        }
        assertThat(submit(tx(1, new RevealParts(1)), reveal.toArray(byte[][]::new))
                        .statusCode())
                .isEqualTo(202);
        mineBlock();
        JsonNode active = get("/api/v1/lifelong/1");
        assertThat(active.path("status").asText()).isEqualTo("active");
        long current = active.path("loss").asLong();
        assertThat(current).isEqualTo(FixedPointLoss.of(initial, revealed, ComputePool.serial()));
        assertThat(get("/api/v1/lifelong/blobs/"
                                + DatasetCodec.hash(revealed.get(0)).toHex())
                        .path("hex")
                        .asText())
                .as("revealed parts are served")
                .isEqualTo(Bytes.wrap(DatasetCodec.encode(revealed.get(0))).toHex());

        TrainingRecord rec =
                new TrainingRecord(new TrainingStart.FromParent(initial.hash()), Optimizer.Adam.of(0.02f), 16, 60, 9);
        Model better = new Trainer(ComputePool.serial()).train(TrainingJob.continuing(SPEC, rec, TRAIN, initial));
        long loss = FixedPointLoss.of(better, revealed, ComputePool.serial());
        assertThat(loss).isLessThan(current);
        assertThat(submit(tx(2, new ProposeUpdate(1, initial.hash(), better.hash(), loss)), better.canonicalBytes())
                        .statusCode())
                .isEqualTo(202);
        mineBlock();
        assertThat(get("/api/v1/lifelong/1").path("proposals")).hasSize(1);
        mineBlock();
        mineBlock();
        JsonNode after = get("/api/v1/lifelong/1");
        assertThat(after.path("weights").asText()).isEqualTo(better.hash().toHex());
        assertThat(after.path("history")).hasSize(2);
        JsonNode rep = get("/api/v1/lifelong/reputation/" + DevAccounts.address(2));
        assertThat(rep.path("participation").asLong()).isEqualTo(1);
        assertThat(rep.path("reputation").asLong()).isEqualTo(2);
    }

    @Test
    void answersUnknownModelsAndBadInputWithoutServerErrors() throws Exception {
        assertThat(http.get("/api/v1/lifelong/99").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/lifelong/x1").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/lifelong/blobs/zz").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/lifelong/transactions", "{\"hex\":\"0102\"}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown = submit(tx(3, new ProposeUpdate(42, Hash.ZERO, Hash.ZERO, 1)));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("no lifelong model 42");
    }
}
