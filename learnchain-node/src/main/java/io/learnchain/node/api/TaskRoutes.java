package io.learnchain.node.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.learn.format.ModelMetadata;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.node.task.TaskRequest;
import io.learnchain.node.task.TaskRequestException;
import io.learnchain.node.task.TaskService;
import io.learnchain.node.task.TaskViews;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data node's task endpoints under /api/v1/tasks (see docs/api.md). */
public final class TaskRoutes implements ApiRoutes {
    private static final List<String> STATUSES = List.of("pending", "open", "running", "finished");
    private final TaskService tasks;

    public TaskRoutes(TaskService tasks) {
        this.tasks = tasks;
    }

    /**
     * The body of POST /api/v1/tasks. {@code rewardPerRound} and {@code fee} are decimal coin
     * strings; the minimum training accuracy is given as a fraction ({@code minTrainingAccuracy},
     * 0..1) or in basis points ({@code minTrainingAccuracyBp}); phase times in seconds (optional);
     * {@code private}: encrypt the training set (optional, default false; PROTOCOL.md 3.9).
     */
    public record PostTaskRequest(
            String model,
            String dataset,
            String rewardPerRound,
            Integer rounds,
            Double minTrainingAccuracy,
            Integer minTrainingAccuracyBp,
            Long expectedSeconds,
            Long minPhaseSeconds,
            Long maxPhaseSeconds,
            String fee,
            @JsonProperty("private") Boolean privateData) {}

    @Override
    public void register(Javalin app) {
        app.post("/api/v1/tasks", this::post);
        app.get("/api/v1/tasks", this::list);
        app.get("/api/v1/tasks/{id}", this::show);
        app.get("/api/v1/tasks/{id}/model", this::model);
        app.post("/api/v1/tasks/{id}/cancel", this::cancel);
    }

    /** The optional body of a cancel: the CancelTask's fee in coins (default 0). */
    record CancelTaskRequest(String fee) {}

    private void cancel(Context ctx) {
        long id = taskId(ctx);
        CancelTaskRequest body = ctx.body().isBlank() ? null : ctx.bodyAsClass(CancelTaskRequest.class);
        Amount fee = body == null || body.fee() == null ? Amount.ZERO : amount(body.fee(), "fee");
        try {
            ctx.status(202).json(tasks.cancel(id, fee));
        } catch (TaskRequestException e) {
            throw switch (e.code()) {
                case "unknown_task" -> ApiException.notFound(e.getMessage());
                case "rejected" -> new ApiException(422, e.code(), e.getMessage());
                default -> new ApiException(409, e.code(), e.getMessage());
            };
        }
    }

    private void post(Context ctx) {
        PostTaskRequest body = ctx.bodyAsClass(PostTaskRequest.class);
        if (body == null) {
            throw ApiException.badRequest(
                    "send a JSON task: {\"model\": \"mlp-small\", \"dataset\": "
                            + "\"fashion-mnist-small\", \"rewardPerRound\": \"10\", \"rounds\": 3, \"minTrainingAccuracy\": 0.5}");
        }
        TaskRequest request = request(body);
        try {
            ctx.status(202).json(tasks.post(request));
        } catch (TaskRequestException e) {
            throw refused(e);
        }
    }

    static ApiException refused(TaskRequestException e) {
        return e.isConflict()
                ? new ApiException(e.code().equals("rejected") ? 422 : 409, e.code(), e.getMessage())
                : new ApiException(e.code().equals("dataset_not_installed") ? 422 : 400, e.code(), e.getMessage());
    }

    private static TaskRequest request(PostTaskRequest b) {
        require(b.model(), "model");
        require(b.dataset(), "dataset");
        require(b.rewardPerRound(), "rewardPerRound");
        if (b.rounds() == null) {
            throw ApiException.badRequest("field 'rounds' is missing: how many rounds (one test shard each)");
        }
        if ((b.minTrainingAccuracy() == null) == (b.minTrainingAccuracyBp() == null)) {
            throw ApiException.badRequest(
                    "give exactly one of 'minTrainingAccuracy' (0..1) or " + "'minTrainingAccuracyBp' (0..10000)");
        }
        int bp = b.minTrainingAccuracyBp() != null
                ? b.minTrainingAccuracyBp()
                : (int) Math.round(b.minTrainingAccuracy() * 10_000);
        if (b.minTrainingAccuracy() != null && !(b.minTrainingAccuracy() >= 0 && b.minTrainingAccuracy() <= 1)) {
            throw ApiException.badRequest("'minTrainingAccuracy' is a fraction 0..1, got " + b.minTrainingAccuracy());
        }
        return new TaskRequest(
                b.model(),
                b.dataset(),
                amount(b.rewardPerRound(), "rewardPerRound"),
                b.rounds(),
                bp,
                Optional.ofNullable(b.expectedSeconds()).orElse(TaskRequest.DEFAULT_EXPECTED_SECONDS),
                Optional.ofNullable(b.minPhaseSeconds()).orElse(TaskRequest.DEFAULT_MIN_PHASE_SECONDS),
                Optional.ofNullable(b.maxPhaseSeconds()).orElse(TaskRequest.DEFAULT_MAX_PHASE_SECONDS),
                b.fee() == null ? Amount.ZERO : amount(b.fee(), "fee"),
                Boolean.TRUE.equals(b.privateData()));
    }

    private static Amount amount(String text, String field) {
        try {
            return Amount.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field '" + field + "' is not an amount in coins: " + e.getMessage());
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' is missing");
        }
    }

    private void list(Context ctx) {
        Optional<String> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank());
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw ApiException.badRequest("status must be one of " + STATUSES + ", got '" + status.get() + "'");
        }
        ctx.json(tasks.list(status));
    }

    private void show(Context ctx) {
        long id = taskId(ctx);
        ctx.json(tasks.show(id)
                .orElseThrow(() ->
                        ApiException.notFound("no task " + id + " on this chain; " + "GET /api/v1/tasks lists them")));
    }

    private void model(Context ctx) {
        long id = taskId(ctx);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("metadata");
        if (!List.of("onnx", "safetensors", "metadata").contains(format)) {
            throw ApiException.badRequest("format must be onnx, safetensors or metadata, got '" + format + "'");
        }
        int asked = QueryParams.intParam(ctx, "round", 0, 1, PostTask.MAX_SHARDS);
        Optional<Integer> round = asked == 0 ? Optional.empty() : Optional.of(asked);
        TaskService.WinningModel w;
        try {
            w = tasks.model(id, round)
                    .orElseThrow(() -> ApiException.notFound("task " + id + " has no winning model"
                            + " here yet (unknown task, no round won, or the model blob is missing)"));
        } catch (TaskRequestException e) {
            throw new ApiException(e.code().equals("no_such_round") ? 404 : 422, e.code(), e.getMessage());
        }
        ctx.header("X-Learnchain-Round", Integer.toString(w.round().round()));
        switch (format) {
            case "onnx" ->
                ctx.contentType("application/octet-stream")
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"task-" + id + "-round-"
                                        + w.round().round() + ".onnx\"")
                        .result(w.onnx());
            case "safetensors" ->
                ctx.contentType("application/octet-stream")
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"task-" + id + "-round-"
                                        + w.round().round() + ".safetensors\"")
                        .result(ModelSafetensors.write(w.model()));
            default -> ctx.contentType("application/json").result(metadata(w).toJson());
        }
    }

    /**
     * The metadata.json of a delivered model: spec, tensors, training record, accuracies, which round
     * and mapping layer it came from and that the mapping was undone ({@code modelHash} is the
     * delivered model's, {@code notes.minedModelHash} the one the block committed to).
     */
    static ModelMetadata metadata(TaskService.WinningModel w) {
        TaskViews.Round r = w.round();
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (r.testAccuracy() != null) {
            metrics.put("testAccuracy", r.testAccuracy());
            metrics.put("testSamples", r.testSamples().doubleValue());
        }
        if (r.accuracy() != null) {
            metrics.put("shardAccuracy", r.accuracy());
        }
        metrics.put("claimedScore", r.claimedScore().doubleValue());
        metrics.put("verifiedScore", r.verifiedScore().doubleValue());
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("taskId", Long.toString(w.taskId()));
        notes.put("round", Integer.toString(r.round()));
        notes.put(
                "roundsWon",
                Long.toString(w.task().rounds().stream()
                        .filter(x -> x.kind().equals("pole"))
                        .count()));
        notes.put("choice", w.delivery().rule());
        notes.put("choiceReason", w.delivery().reason());
        notes.put("block", r.block());
        notes.put("height", Long.toString(r.height()));
        notes.put("miner", r.winner());
        notes.put(
                "labels",
                "unmapped: output y is class y of the requester's data (the round's mapping layer was"
                        + " undone in the last layer's weights)");
        notes.put("roundKey", w.mapping().roundKey().toHex());
        notes.put("roundMapping", Arrays.toString(w.mapping().permutation()));
        notes.put("minedModelHash", w.mined().hash().toHex());
        notes.put("trainingSet", w.task().terms().trainingSet());
        notes.put("shardHash", w.proof().shardHash().toHex());
        notes.put("shardIndex", Integer.toString(w.proof().shardIndex()));
        if (w.task().summary().dataset() != null) {
            notes.put("dataset", w.task().summary().dataset());
        }
        w.projection().ifPresent(p -> projectionNotes(notes, p, w.mapping().roundKey()));
        return new ModelMetadata(w.model(), Optional.of(w.proof().record()), metrics, notes);
    }

    /**
     * A private task's model reads the k features of the round's projection; the notes say so and
     * record the projection (docs/protocol.md 3.9) so that anyone can recompute its rows from the
     * round key ({@code ProjectionSpec.weights}) and reproduce model.onnx, which has it in front.
     */
    static void projectionNotes(Map<String, String> notes, ProjectionSpec p, Hash roundKey) {
        InputQuantizer q = p.input();
        notes.put(
                "input",
                "raw samples of " + q.height() + "x" + q.width() + " values in [0, 1] through the round's projection:"
                        + " model.onnx reads them (input [batch, " + q.inputSize() + "]) and pools, quantizes and"
                        + " projects them itself; model.safetensors is the model as mined, reading the "
                        + p.width() + " projected features");
        notes.put("projection.height", Integer.toString(q.height()));
        notes.put("projection.width", Integer.toString(q.width()));
        notes.put("projection.pool", Integer.toString(q.pool()));
        notes.put("projection.levels", Integer.toString(q.levels()));
        notes.put("projection.k", Integer.toString(p.width()));
        notes.put("projection.weightRange", Integer.toString(p.weightRange()));
        notes.put("projection.roundKey", roundKey.toHex());
        notes.put("projection.featureScale", Float.toString(p.featureScale()));
        notes.put(
                "projection.rule",
                "x = clamp(round half up(sum of each pool x pool block, row by row, x levels / pool^2), 0, levels);"
                        + " feature j = <x, row j> x featureScale; row j = ProjectionSpec.weights(roundKey)[j]:"
                        + " SplitMix64.derive(firstLongLE(SHA-256(\"learnchain/sml-weights/v1\" || roundKey)), j),"
                        + " entries nextInt(2 x weightRange + 1) - weightRange");
    }

    private static long taskId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a task id is a positive whole number, got '" + raw + "'");
        }
    }
}
