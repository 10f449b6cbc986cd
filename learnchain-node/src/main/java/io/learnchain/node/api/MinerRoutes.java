package io.learnchain.node.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.learnchain.base.Address;
import io.learnchain.node.pole.MinerLog;
import io.learnchain.node.pole.MinerStatus;
import io.learnchain.node.pole.PoleService;
import java.util.List;
import java.util.Map;

/** The node's miner under /api/v1/miner: what it is doing, its wins and losses, start and stop (docs/api.md). */
public final class MinerRoutes implements ApiRoutes {
    private static final int MAX_ACTIONS = 200;
    private final PoleService pole;

    public MinerRoutes(PoleService pole) {
        this.pole = pole;
    }

    /** A round this miner sent a candidate in; {@code reason} null for a win. */
    public record OutcomeDto(
            long timeMillis, String parent, String block, long claimedScore, boolean won, String reason) {}

    /** One recent action (a pole event of this node). */
    public record ActionDto(long timeMillis, Map<String, Object> event) {}

    /**
     * The miner's state. {@code phase}: STOPPED, IDLE, TRAINING, BELOW_MINIMUM, NO_DATA, NO_KEYS,
     * DECRYPTING (a private task: step of steps samples), COMMITTED, NOT_LISTED or CANDIDATE_SENT; {@code trainingAccuracy} is null until a model was trained.
     */
    public record MinerDto(
            String address,
            Dtos.AmountDto balance,
            boolean mining,
            String phase,
            Long taskId,
            String parent,
            long step,
            long steps,
            Double trainingAccuracy,
            String commitment,
            long wins,
            long losses,
            List<OutcomeDto> outcomes,
            List<ActionDto> actions) {}

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/miner", this::status);
        app.post("/api/v1/miner/start", ctx -> toggle(ctx, true));
        app.post("/api/v1/miner/stop", ctx -> toggle(ctx, false));
    }

    private void status(Context ctx) {
        int n = QueryParams.intParam(ctx, "limit", 20, 1, MAX_ACTIONS);
        var miner = pole.miner().orElseThrow(() -> noKey());
        Address address = Address.of(miner.key().publicKey());
        MinerStatus s = miner.status();
        MinerLog log = pole.minerLog();
        List<OutcomeDto> outcomes = log.outcomes(n).stream()
                .map(o -> new OutcomeDto(
                        o.timeMillis(), o.parent().toHex(), o.block().toHex(), o.claimedScore(), o.won(), o.reason()))
                .toList();
        List<ActionDto> actions = log.actions(n).stream()
                .map(a -> new ActionDto(a.timeMillis(), a.fields()))
                .toList();
        ctx.json(new MinerDto(
                address.toString(),
                ApiViews.amount(pole.chain().account(address).balance()),
                pole.isMining(),
                s.phase().name(),
                s.taskId() == 0 ? null : s.taskId(),
                s.parent() == null ? null : s.parent().toHex(),
                s.step(),
                s.steps(),
                s.trainCount() == 0 ? null : (double) s.trainCorrect() / s.trainCount(),
                s.commitment() == null ? null : s.commitment().toHex(),
                log.wins(),
                log.losses(),
                outcomes,
                actions));
    }

    private void toggle(Context ctx, boolean on) {
        if (!pole.setMining(on)) {
            throw noKey();
        }
        status(ctx);
    }

    private static ApiException noKey() {
        return new ApiException(
                409, "no_key", "this node has no key, so it does not mine: start it with --miner-key" + " (or --dev)");
    }
}
