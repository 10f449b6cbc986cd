package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.node.metrics.NodeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/models/import: an ONNX file's bytes in, the engine's spec out; only that route takes bytes. */
class ModelImportApiTest {
    private static final ModelSpec SPEC =
            ModelSpec.parse("input 1x8x8 | conv2d 2 k3 s1 p0 | relu | maxpool 2 s2 | flatten | dense 3");
    private final ApiToken token = ApiToken.random();
    private ApiServer server;

    @BeforeEach
    void start() {
        ApiRoutes echo = app -> app.post("/api/v1/echo", ctx -> ctx.json("ok"));
        server = ApiServer.start("127.0.0.1", 0, new NodeMetrics(), List.of(new ModelRoutes(), echo), token);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersTheSpecOfAnOnnxFile() throws Exception {
        HttpResponse<String> r = post(ModelRoutes.IMPORT_PATH, "application/octet-stream", onnx().toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = new ObjectMapper().readTree(r.body());
        assertThat(answer.path("spec").asText()).isEqualTo(SPEC.text());
        assertThat(answer.path("outputs").asInt()).isEqualTo(3);
        assertThat(answer.path("parameters").asInt()).isEqualTo(SPEC.layout().parameterCount());
        assertThat(answer.path("summary").asText()).isEqualTo("5 layers, 77 parameters");
    }

    @Test
    void refusesAnUnsupportedOperatorInOneLine() throws Exception {
        ModelProto.Builder averaged = onnx().toBuilder();
        averaged.getGraphBuilder().getNodeBuilder(2).setOpType("AveragePool");
        HttpResponse<String> r = post(
                ModelRoutes.IMPORT_PATH,
                "application/octet-stream",
                averaged.build().toByteArray());
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode error = new ObjectMapper().readTree(r.body());
        assertThat(error.path("error").asText()).isEqualTo("unsupported_model");
        assertThat(error.path("message").asText())
                .startsWith("node '2.maxpool' (AveragePool) is not supported; supported: Gemm")
                .doesNotContain("\n");
    }

    @Test
    void takesBytesOnTheImportRouteOnlyAndJsonEverywhereElse() throws Exception {
        assertThat(post(ModelRoutes.IMPORT_PATH, "application/json", "{}".getBytes())
                        .statusCode())
                .isEqualTo(415);
        assertThat(post("/api/v1/echo", "application/octet-stream", onnx().toByteArray())
                        .statusCode())
                .isEqualTo(415);
        assertThat(post("/api/v1/echo", "application/json", "{}".getBytes()).statusCode())
                .isEqualTo(200);
    }

    private static ModelProto onnx() {
        float[] params = new float[SPEC.layout().parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (i % 7 - 3) / 10f;
        }
        return OnnxExporter.toProto(new Model(SPEC, params));
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
