package io.learnchain.node.api;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.node.LearnchainNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The requests the OpenAPI contract test sends, per operationId: valid ones (each must get a
 * documented 2xx) and operation-specific invalid ones (each must get a documented 4xx); the test adds
 * generic bad input from the parameters and the body itself. An operation in openapi.json without
 * valid requests here fails the test, so a new endpoint cannot go unchecked.
 */
final class ContractRequests {
    private final Map<String, List<Call>> valid = new LinkedHashMap<>();
    private final Map<String, List<Call>> invalid = new LinkedHashMap<>();
    private final Map<String, Call> restore = new LinkedHashMap<>();

    ContractRequests(
            LearnchainNode node,
            LifelongContract lifelongModel,
            SignedTransaction included,
            SignedTransaction pending,
            SignedTransaction fresh) {
        String tip = node.chain().head().hash().toHex();
        String genesis = node.chain().genesis().chainId().toHex();
        String rich = DevAccounts.address(3).toString();
        String unknownHash = Hash.sha256(new byte[] {42}).toHex();
        valid.put("getStatus", List.of(Call.get("/api/v1/status")));
        valid.put("getPeers", List.of(Call.get("/api/v1/peers")));
        valid.put(
                "listBlocks",
                List.of(
                        Call.get("/api/v1/blocks"),
                        Call.get("/api/v1/blocks").withQuery("limit", "1"),
                        Call.get("/api/v1/blocks").withQuery("before", "1").withQuery("limit", "100")));
        valid.put(
                "getBlock",
                List.of(
                        Call.get("/api/v1/blocks/{id}").withPathParam("id", "1"),
                        Call.get("/api/v1/blocks/{id}").withPathParam("id", "0"),
                        Call.get("/api/v1/blocks/{id}").withPathParam("id", tip),
                        Call.get("/api/v1/blocks/{id}").withPathParam("id", genesis)));
        invalid.put(
                "getBlock",
                List.of(
                        Call.get("/api/v1/blocks/{id}").withPathParam("id", "999999"),
                        Call.get("/api/v1/blocks/{id}").withPathParam("id", unknownHash)));
        valid.put(
                "getTransaction",
                List.of(
                        Call.get("/api/v1/transactions/{hash}")
                                .withPathParam("hash", included.hash().toHex()),
                        Call.get("/api/v1/transactions/{hash}")
                                .withPathParam("hash", pending.hash().toHex())));
        invalid.put(
                "getTransaction",
                List.of(Call.get("/api/v1/transactions/{hash}").withPathParam("hash", unknownHash)));
        valid.put(
                "submitTransaction",
                List.of(Call.post("/api/v1/transactions", "{\"hex\":\"" + OpenApiContractTest.hexOf(fresh) + "\"}")));
        invalid.put(
                "submitTransaction",
                List.of(
                        Call.post("/api/v1/transactions", "{\"hex\":\"" + OpenApiContractTest.hexOf(included) + "\"}"),
                        Call.post("/api/v1/transactions", "{\"hex\":\"" + OpenApiContractTest.hexOf(pending) + "\"}"),
                        Call.post("/api/v1/transactions", "{\"hex\":\"zz\"}"),
                        Call.post("/api/v1/transactions", "{}")));
        valid.put(
                "listMempool",
                List.of(Call.get("/api/v1/mempool"), Call.get("/api/v1/mempool").withQuery("limit", "1")));
        valid.put("getAccount", List.of(Call.get("/api/v1/accounts/{address}").withPathParam("address", rich)));
        invalid.put(
                "getAccount",
                List.of(
                        Call.get("/api/v1/accounts/{address}")
                                .withPathParam("address", "lc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"),
                        Call.get("/api/v1/accounts/{address}")
                                .withPathParam(
                                        "address", Address.ofBytes(new byte[20]).toString())));
        lifelong(lifelongModel, fresh, unknownHash, rich);
        valid.put("getOpenApi", List.of(Call.get(ApiServer.OPENAPI_PATH)));
        valid.put("getMetrics", List.of(Call.get("/metrics")));
        valid.put(
                "getAccountHistory",
                List.of(
                        Call.get("/api/v1/accounts/{address}/history")
                                .withPathParam("address", DevAccounts.address(0).toString()),
                        Call.get("/api/v1/accounts/{address}/history")
                                .withPathParam("address", rich)
                                .withQuery("limit", "1")
                                .withQuery("before", "3")));
        invalid.put(
                "getAccountHistory",
                List.of(Call.get("/api/v1/accounts/{address}/history")
                        .withPathParam("address", rich)
                        .withQuery("before", "0")));
        String task = """
                {"model": "input 784 | dense 10", "dataset": "fashion-mnist-small", "rewardPerRound": "1", "rounds": 1,
                 "minTrainingAccuracyBp": 1000, "expectedSeconds": 5, "minPhaseSeconds": 0, "maxPhaseSeconds": 300,
                 "fee": "0.001"}""";
        valid.put("postTask", List.of(Call.post("/api/v1/tasks", task)));
        invalid.put(
                "postTask",
                List.of(
                        Call.post("/api/v1/tasks", task.replace("input 784 | dense 10", "resnet")),
                        Call.post("/api/v1/tasks", task.replace("input 784 | dense 10", "input 100 | dense 10")),
                        Call.post("/api/v1/tasks", task.replace("fashion-mnist-small", "imagenet")),
                        Call.post(
                                "/api/v1/tasks",
                                task.replace("\"rewardPerRound\": \"1\"", "\"rewardPerRound\": \"9000000\"")),
                        Call.post(
                                "/api/v1/tasks",
                                task.replace("\"rewardPerRound\": \"1\"", "\"rewardPerRound\": \"-1\"")),
                        Call.post("/api/v1/tasks", task.replace("\"rounds\": 1", "\"rounds\": 0")),
                        Call.post(
                                "/api/v1/tasks",
                                task.replace(
                                        "\"minTrainingAccuracyBp\": 1000",
                                        "\"minTrainingAccuracyBp\": 1000, \"minTrainingAccuracy\": 0.1")),
                        Call.post("/api/v1/tasks", "{}")));
        valid.put(
                "listTasks",
                List.of(
                        Call.get("/api/v1/tasks"),
                        Call.get("/api/v1/tasks").withQuery("status", "running"),
                        Call.get("/api/v1/tasks").withQuery("status", "finished")));
        invalid.put("listTasks", List.of(Call.get("/api/v1/tasks").withQuery("status", "sleeping")));
        valid.put("getTask", List.of(Call.get("/api/v1/tasks/{id}").withPathParam("id", "1")));
        invalid.put(
                "getTask",
                List.of(
                        Call.get("/api/v1/tasks/{id}").withPathParam("id", "999"),
                        Call.get("/api/v1/tasks/{id}").withPathParam("id", "0")));
        valid.put(
                "getTaskModel",
                List.of(
                        Call.get("/api/v1/tasks/{id}/model").withPathParam("id", "1"),
                        Call.get("/api/v1/tasks/{id}/model")
                                .withPathParam("id", "1")
                                .withQuery("format", "onnx"),
                        Call.get("/api/v1/tasks/{id}/model")
                                .withPathParam("id", "1")
                                .withQuery("format", "safetensors"),
                        Call.get("/api/v1/tasks/{id}/model")
                                .withPathParam("id", "1")
                                .withQuery("format", "metadata")));
        invalid.put(
                "getTaskModel",
                List.of(
                        Call.get("/api/v1/tasks/{id}/model").withPathParam("id", "999"),
                        Call.get("/api/v1/tasks/{id}/model")
                                .withPathParam("id", "1")
                                .withQuery("format", "pickle")));
        valid.put(
                "cancelTask",
                List.of(Call.post("/api/v1/tasks/{id}/cancel", "{\"fee\": \"0\"}")
                        .withPathParam("id", "1")));
        invalid.put(
                "cancelTask",
                List.of(
                        Call.post("/api/v1/tasks/{id}/cancel", null).withPathParam("id", "999"),
                        Call.post("/api/v1/tasks/{id}/cancel", null).withPathParam("id", "0"),
                        Call.post("/api/v1/tasks/{id}/cancel", "{\"fee\": \"lots\"}")
                                .withPathParam("id", "1")));
        valid.put(
                "getMiner",
                List.of(Call.get("/api/v1/miner"), Call.get("/api/v1/miner").withQuery("limit", "200")));
        valid.put("startMiner", List.of(Call.post("/api/v1/miner/start", null)));
        valid.put("stopMiner", List.of(Call.post("/api/v1/miner/stop", null)));
        restore.put("stopMiner", Call.post("/api/v1/miner/start", null));
        models();
        // the stream stays open: OpenApiContractTest.eventStreamSendsTheDocumentedEvents reads its events
        valid.put("streamEvents", List.of(Call.get("/api/v1/events")));
    }

    /** The ONNX import: the engine's own export of a small model, and files it cannot take. */
    private void models() {
        ModelSpec spec = ModelSpec.parse("input 1x8x8 | conv2d 2 k3 s1 p0 | relu | flatten | dense 3");
        ModelProto onnx =
                OnnxExporter.toProto(new Model(spec, new float[spec.layout().parameterCount()]));
        ModelProto.Builder averaged = onnx.toBuilder();
        averaged.getGraphBuilder().getNodeBuilder(0).setOpType("AveragePool");
        valid.put("importOnnxModel", List.of(Call.postBytes(ModelRoutes.IMPORT_PATH, onnx.toByteArray())));
        invalid.put(
                "importOnnxModel",
                List.of(
                        Call.postBytes(ModelRoutes.IMPORT_PATH, averaged.build().toByteArray()),
                        Call.postBytes(ModelRoutes.IMPORT_PATH, "not a model".getBytes(StandardCharsets.UTF_8)),
                        Call.postBytes(ModelRoutes.IMPORT_PATH, new byte[0]),
                        Call.postBytes(ModelRoutes.IMPORT_PATH, new byte[(int) ModelRoutes.MAX_BYTES + 1]),
                        Call.post(ModelRoutes.IMPORT_PATH, "{}")));
    }

    private void lifelong(LifelongContract c, SignedTransaction transfer, String unknownHash, String rich) {
        valid.put("listLifelongModels", List.of(Call.get("/api/v1/lifelong")));
        valid.put("getLifelongModel", List.of(Call.get("/api/v1/lifelong/{id}").withPathParam("id", "1")));
        invalid.put(
                "getLifelongModel", List.of(Call.get("/api/v1/lifelong/{id}").withPathParam("id", "99")));
        valid.put(
                "getLifelongReputation",
                List.of(Call.get("/api/v1/lifelong/reputation/{address}").withPathParam("address", rich)));
        valid.put(
                "getLifelongBlob",
                List.of(Call.get("/api/v1/lifelong/blobs/{hash}")
                        .withPathParam("hash", c.weights.hash().toHex())));
        invalid.put(
                "getLifelongBlob",
                List.of(Call.get("/api/v1/lifelong/blobs/{hash}").withPathParam("hash", unknownHash)));
        valid.put(
                "submitLifelongTransaction",
                List.of(Call.post(
                        "/api/v1/lifelong/transactions",
                        LifelongContract.submitBody(c.fresh, c.freshWeights.canonicalBytes()))));
        invalid.put(
                "submitLifelongTransaction",
                List.of(
                        Call.post("/api/v1/lifelong/transactions", "{\"hex\":\"zz\"}"),
                        Call.post("/api/v1/lifelong/transactions", "{}"),
                        Call.post("/api/v1/lifelong/transactions", LifelongContract.submitBody(transfer)),
                        Call.post(
                                "/api/v1/lifelong/transactions",
                                LifelongContract.submitBody(c.fresh, c.weights.canonicalBytes()))));
    }

    List<Call> valid(String operationId) {
        return valid.getOrDefault(operationId, List.of());
    }

    /** A request that undoes a valid call's effect (the miner stopped by the contract test is started again). */
    Optional<Call> restore(String operationId) {
        return Optional.ofNullable(restore.get(operationId));
    }

    List<Call> invalid(String operationId) {
        return invalid.getOrDefault(operationId, List.of());
    }

    /** One HTTP request: method, path template with parameters, query and body. */
    record Call(
            String method,
            String template,
            Map<String, String> pathParams,
            Map<String, String> query,
            String body,
            String contentType,
            boolean undocumentedMethod) {
        static final String JSON = "application/json";
        static final String OCTETS = "application/octet-stream";

        static Call get(String template) {
            return new Call("GET", template, Map.of(), Map.of(), null, JSON, false);
        }

        static Call post(String template, String body) {
            return new Call("POST", template, Map.of(), Map.of(), body, JSON, false);
        }

        /** A POST of raw bytes (kept as ISO-8859-1 text, one char per byte). */
        static Call postBytes(String template, byte[] body) {
            return new Call(
                    "POST", template, Map.of(), Map.of(), new String(body, StandardCharsets.ISO_8859_1), OCTETS, false);
        }

        Call withPathParam(String name, String value) {
            Map<String, String> p = new LinkedHashMap<>(pathParams);
            p.put(name, value);
            return new Call(method, template, p, query, body, contentType, undocumentedMethod);
        }

        Call withQuery(String name, String value) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put(name, value);
            return new Call(method, template, pathParams, q, body, contentType, undocumentedMethod);
        }

        Call withBody(String text) {
            return new Call(method, template, pathParams, query, text, contentType, undocumentedMethod);
        }

        Call withMethod(String other) {
            return new Call(other, template, pathParams, query, other.equals("GET") ? null : "{}", JSON, true);
        }

        String path() {
            String path = template;
            for (Map.Entry<String, String> p : pathParams.entrySet()) {
                path = path.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            }
            if (path.contains("{")) {
                throw new IllegalStateException("no value for a path parameter of " + template);
            }
            if (!query.isEmpty()) {
                path += "?"
                        + query.entrySet().stream()
                                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                                .collect(Collectors.joining("&"));
            }
            return path;
        }

        HttpRequest request(int port) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json");
            if (body == null) {
                return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
            }
            byte[] bytes =
                    body.getBytes(contentType.equals(OCTETS) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            return b.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
        }

        @Override
        public String toString() {
            String shown = body == null
                    ? ""
                    : contentType.equals(OCTETS)
                            ? " (" + body.length() + " bytes)"
                            : " " + (body.length() > 40 ? body.substring(0, 40) + "..." : body);
            return method + " " + path() + shown;
        }
    }
}
