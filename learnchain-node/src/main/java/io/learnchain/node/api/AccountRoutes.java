package io.learnchain.node.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.node.chain.ChainService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account's history under /api/v1/accounts/{address}/history: what moved its balance on the
 * canonical chain (transfers, block rewards with the task reward part, escrow posted, fees), newest
 * first, a page at a time. Read from the blocks (no index): one page scans at most
 * {@link #MAX_SCAN} blocks and says where to go on.
 */
public final class AccountRoutes implements ApiRoutes {
    static final int MAX_SCAN = 5_000;
    private static final int MAX_LIMIT = 500;
    private final ChainService chain;

    public AccountRoutes(ChainService chain) {
        this.chain = chain;
    }

    /**
     * One balance change. {@code kind}: transfer_in, transfer_out, reward (a coinbase: subsidy, fees
     * and, for a pole block, the task reward in {@code taskReward}), escrow (a PostTask: the escrow
     * leaves the balance), cancel_task, reveal_shard. {@code amount} is signed: negative when it left
     * the account; {@code fee} is what the account paid.
     */
    public record HistoryEntry(
            long height,
            String block,
            long timestamp,
            String tx,
            String kind,
            String counterparty,
            String amount,
            String amountUnits,
            String fee,
            Long taskId,
            String taskReward) {}

    public record HistoryPage(String address, long tipHeight, List<HistoryEntry> entries, Long nextBefore) {}

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/accounts/{address}/history", this::history);
    }

    private void history(Context ctx) {
        Address address = ChainRoutes.parseAddress(ctx.pathParam("address"));
        int limit = QueryParams.intParam(ctx, "limit", 50, 1, MAX_LIMIT);
        long tip = chain.head().height().value();
        long before = QueryParams.longParam(ctx, "before", tip + 1, 1, Long.MAX_VALUE);
        List<HistoryEntry> entries = new ArrayList<>();
        long h = Math.min(before - 1, tip);
        long stop = Math.max(0, h - MAX_SCAN);
        for (; h > stop && entries.size() < limit; h--) {
            Block block = chain.blockAt(Height.of(h)).orElseThrow();
            List<HistoryEntry> inBlock = entries(block, address);
            entries.addAll(inBlock.reversed());
        }
        ctx.json(new HistoryPage(address.toString(), tip, entries, h > 0 ? h + 1 : null));
    }

    /** The block's entries for {@code address}, in block order. */
    private List<HistoryEntry> entries(Block block, Address address) {
        List<HistoryEntry> out = new ArrayList<>();
        long height = block.header().height().value();
        String hash = block.hash().toHex();
        long time = block.header().timestamp();
        for (Transaction tx : block.transactions()) {
            switch (tx) {
                case Coinbase c
                when c.recipient().equals(address) -> {
                    Optional<PoleProof> pole =
                            block.header().proof() instanceof PoleProof p ? Optional.of(p) : Optional.empty();
                    Optional<Amount> reward = pole.flatMap(
                                    p -> chain.head().tip().state().tasks().get(p.taskId()))
                            .map(TaskState::terms)
                            .map(PostTask::rewardPerRound);
                    out.add(new HistoryEntry(
                            height,
                            hash,
                            time,
                            c.hash().toHex(),
                            "reward",
                            null,
                            c.amount().toString(),
                            Long.toString(c.amount().units()),
                            null,
                            pole.map(PoleProof::taskId).orElse(null),
                            reward.map(Amount::toString).orElse(null)));
                }
                case Coinbase c -> {}
                case SignedTransaction s ->
                    signed(s, address, height, hash, time).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<HistoryEntry> signed(
            SignedTransaction s, Address address, long height, String hash, long time) {
        Address sender = s.body().senderAddress();
        boolean sent = sender.equals(address);
        String fee = sent ? s.body().fee().toString() : null;
        String txHash = s.hash().toHex();
        return switch (s.body().payload()) {
            case Transfer t
            when sent ->
                Optional.of(new HistoryEntry(
                        height,
                        hash,
                        time,
                        txHash,
                        "transfer_out",
                        t.to().toString(),
                        "-" + t.amount(),
                        Long.toString(-t.amount().units()),
                        fee,
                        null,
                        null));
            case Transfer t
            when t.to().equals(address) ->
                Optional.of(new HistoryEntry(
                        height,
                        hash,
                        time,
                        txHash,
                        "transfer_in",
                        sender.toString(),
                        t.amount().toString(),
                        Long.toString(t.amount().units()),
                        null,
                        null,
                        null));
            case Transfer t -> Optional.empty();
            case PostTask t
            when sent ->
                Optional.of(new HistoryEntry(
                        height,
                        hash,
                        time,
                        txHash,
                        "escrow",
                        null,
                        "-" + t.escrow(),
                        Long.toString(-t.escrow().units()),
                        fee,
                        null,
                        null));
            case CancelTask t
            when sent ->
                Optional.of(new HistoryEntry(
                        height, hash, time, txHash, "cancel_task", null, "0", "0", fee, t.taskId(), null));
            case RevealShard t
            when sent ->
                Optional.of(new HistoryEntry(
                        height, hash, time, txHash, "reveal_shard", null, "0", "0", fee, t.taskId(), null));
            case WorkFraud t
            when sent ->
                Optional.of(new HistoryEntry(
                        height, hash, time, txHash, "work_fraud", null, "0", "0", fee, t.taskId(), null));
            // lifelong transactions pay their fee only (their incentives are badges, not coins)
            case DeployModel d when sent -> Optional.of(feeOnly(height, hash, time, txHash, "lifelong_deploy", fee));
            case RevealParts r when sent -> Optional.of(feeOnly(height, hash, time, txHash, "lifelong_reveal", fee));
            case ProposeUpdate u when sent -> Optional.of(feeOnly(height, hash, time, txHash, "lifelong_propose", fee));
            case Challenge c when sent -> Optional.of(feeOnly(height, hash, time, txHash, "lifelong_challenge", fee));
            case GrowModel g when sent -> Optional.of(feeOnly(height, hash, time, txHash, "lifelong_grow", fee));
            case PostTask t -> Optional.empty();
            case CancelTask t -> Optional.empty();
            case RevealShard t -> Optional.empty();
            case WorkFraud t -> Optional.empty();
            case DeployModel d -> Optional.empty();
            case RevealParts r -> Optional.empty();
            case ProposeUpdate u -> Optional.empty();
            case Challenge c -> Optional.empty();
            case GrowModel g -> Optional.empty();
        };
    }

    private static HistoryEntry feeOnly(long height, String block, long time, String tx, String kind, String fee) {
        return new HistoryEntry(height, block, time, tx, kind, null, "0", "0", fee, null, null);
    }
}
