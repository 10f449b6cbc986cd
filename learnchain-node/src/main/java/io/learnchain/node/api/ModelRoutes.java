package io.learnchain.node.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.learnchain.learn.format.onnx.OnnxImport;
import io.learnchain.learn.format.onnx.OnnxImportException;
import io.learnchain.learn.format.onnx.OnnxImporter;
import java.util.Arrays;
import java.util.List;

/**
 * POST /api/v1/models/import: the ONNX bytes of a model (application/octet-stream, at most the
 * server's 1 MB body limit) in, its engine model spec out, so the dashboard's task form can post a
 * task for a PyTorch model. Nothing is stored and the weights are not kept: a task's rounds start
 * from the protocol's seeded initialisation (docs/data-and-models.md).
 */
public final class ModelRoutes implements ApiRoutes {
    public static final String IMPORT_PATH = "/api/v1/models/import";
    /** The server's body limit (ApiServer), said in the error of a larger file. */
    static final long MAX_BYTES = 1_000_000L;

    /** What an import answers: the spec text for a task, and what it holds. */
    public record ImportedModel(
            String spec,
            String summary,
            List<Integer> input,
            int outputs,
            int layers,
            int parameters,
            List<String> notes) {
        static ImportedModel of(OnnxImport imported) {
            return new ImportedModel(
                    imported.spec().text(),
                    imported.summary(),
                    Arrays.stream(imported.spec().input().dims()).boxed().toList(),
                    imported.spec().outputSize(),
                    imported.spec().layers().size(),
                    imported.model().parameterCount(),
                    imported.notes());
        }
    }

    @Override
    public void register(Javalin app) {
        app.post(IMPORT_PATH, this::importOnnx);
    }

    private void importOnnx(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) {
            throw new ApiException(
                    413,
                    "too_large",
                    "the file is " + ctx.contentLength() + " bytes and the node takes at most " + MAX_BYTES
                            + " here: run 'learnchain task post --model-onnx FILE' instead, which reads the file"
                            + " on your machine");
        }
        byte[] onnx = ctx.bodyAsBytes();
        if (onnx.length == 0) {
            throw ApiException.badRequest(
                    "send the .onnx file's bytes as the body (Content-Type: application/octet-stream)");
        }
        try {
            ctx.json(ImportedModel.of(OnnxImporter.read(onnx)));
        } catch (OnnxImportException e) {
            throw new ApiException(422, "unsupported_model", e.getMessage());
        }
    }
}
