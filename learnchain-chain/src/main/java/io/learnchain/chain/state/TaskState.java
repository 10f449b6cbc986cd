package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A task in the world state: its terms (the PostTask), who posted it and when, and its progress:
 * status, rounds done (won or forfeited), escrow left, which shards were revealed (bit i = shard
 * i), forfeits, the amount burned (forfeits and penalties), the winning model hashes in order,
 * the round key of the last winner (for re-keying a continued model), the won rounds' payouts
 * still held for the fraud window ({@link HeldReward}, in height order) and the winning models
 * proven fraudulent by a {@code WorkFraud} transaction.
 */
public record TaskState(
        long id,
        Address requester,
        PostTask terms,
        Height posted,
        TaskStatus status,
        int roundsDone,
        Amount escrow,
        long revealedMask,
        int forfeits,
        Amount burned,
        List<Hash> winners,
        Hash lastRoundKey,
        List<HeldReward> held,
        List<Hash> refuted) {
    /** CancelTask, and closing after forfeits, burn this percentage of the remaining escrow. */
    public static final int PENALTY_PERCENT = 10;
    /** A task closes after this many forfeited rounds. */
    public static final int MAX_FORFEITS = 2;

    /** floor(escrow x PENALTY_PERCENT / 100), without overflow. */
    public static Amount penalty(Amount escrow) {
        return escrow.percent(PENALTY_PERCENT);
    }

    public static final int VERSION = 2;

    public TaskState {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(posted, "posted");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(escrow, "escrow");
        Objects.requireNonNull(burned, "burned");
        Objects.requireNonNull(lastRoundKey, "lastRoundKey");
        winners = List.copyOf(winners);
        held = List.copyOf(held);
        refuted = List.copyOf(refuted);
        if (id < 1 || roundsDone < 0 || roundsDone > terms.rounds() || forfeits < 0) {
            throw new IllegalArgumentException("task " + id + ": inconsistent progress " + roundsDone + "/"
                    + terms.rounds() + " rounds, " + forfeits + " forfeits");
        }
        if (terms.shardHashes().size() < 64
                && (revealedMask >>> terms.shardHashes().size()) != 0) {
            throw new IllegalArgumentException("task " + id + ": revealed mask names a shard it does not have");
        }
    }

    /** A freshly posted task holding its whole escrow. */
    public static TaskState posted(long id, Address requester, PostTask terms, Height height) {
        return new TaskState(
                id,
                requester,
                terms,
                height,
                TaskStatus.OPEN,
                0,
                terms.escrow(),
                0,
                0,
                Amount.ZERO,
                List.of(),
                Hash.ZERO,
                List.of(),
                List.of());
    }

    public boolean isOpen() {
        return status == TaskStatus.OPEN;
    }

    public int unrevealedShards() {
        return terms.shardHashes().size() - Long.bitCount(revealedMask);
    }

    public boolean isRevealed(int shard) {
        return (revealedMask >>> shard & 1) != 0;
    }

    /** The state after a round won by {@code model}: reward out of escrow, shard marked, winner recorded. */
    public TaskState won(int shard, Hash model, Hash roundKey) {
        List<Hash> w = new ArrayList<>(winners);
        w.add(model);
        int done = roundsDone + 1;
        return new TaskState(
                id,
                requester,
                terms,
                posted,
                done == terms.rounds() ? TaskStatus.FINISHED : status,
                done,
                escrow.subtract(terms.rewardPerRound()),
                revealedMask | 1L << shard,
                forfeits,
                burned,
                w,
                roundKey,
                held,
                refuted);
    }

    /** The state after a forfeited round: its reward is burned. */
    public TaskState forfeited() {
        int done = roundsDone + 1;
        return new TaskState(
                id,
                requester,
                terms,
                posted,
                done == terms.rounds() ? TaskStatus.FINISHED : status,
                done,
                escrow.subtract(terms.rewardPerRound()),
                revealedMask,
                forfeits + 1,
                burned.add(terms.rewardPerRound()),
                winners,
                lastRoundKey,
                held,
                refuted);
    }

    /** Closed with {@code status}: the escrow is emptied, {@code penalty} of it burned (the rest is refunded). */
    public TaskState closed(TaskStatus newStatus, Amount penalty) {
        return new TaskState(
                id,
                requester,
                terms,
                posted,
                newStatus,
                roundsDone,
                Amount.ZERO,
                revealedMask,
                forfeits,
                burned.add(penalty),
                winners,
                lastRoundKey,
                held,
                refuted);
    }

    /** The same task holding {@code entry} too (after the entries of lower heights). */
    public TaskState holding(HeldReward entry) {
        List<HeldReward> h = new ArrayList<>(held);
        h.add(entry);
        return withHeld(h, refuted, burned);
    }

    /** The same task without the held rewards of {@code released}. */
    public TaskState releasing(List<HeldReward> released) {
        List<HeldReward> h = new ArrayList<>(held);
        h.removeAll(released);
        return withHeld(h, refuted, burned);
    }

    /** The same task after {@code entry} was refuted: no longer held, its model refuted, {@code burn} burned. */
    public TaskState refuting(HeldReward entry, Amount burn) {
        List<HeldReward> h = new ArrayList<>(held);
        h.remove(entry);
        List<Hash> r = new ArrayList<>(refuted);
        r.add(entry.modelHash());
        return withHeld(h, r, burned.add(burn));
    }

    /** The sum of the held rewards. */
    public Amount heldTotal() {
        Amount sum = Amount.ZERO;
        for (HeldReward e : held) {
            sum = sum.add(e.amount());
        }
        return sum;
    }

    private TaskState withHeld(List<HeldReward> newHeld, List<Hash> newRefuted, Amount newBurned) {
        return new TaskState(
                id,
                requester,
                terms,
                posted,
                status,
                roundsDone,
                escrow,
                revealedMask,
                forfeits,
                newBurned,
                winners,
                lastRoundKey,
                newHeld,
                newRefuted);
    }

    public byte[] canonicalBytes() {
        CanonicalWriter out = new CanonicalWriter(512);
        write(out);
        return out.toByteArray();
    }

    public Hash hash() {
        return Hash.sha256(canonicalBytes());
    }

    public void write(CanonicalWriter out) {
        out.u8(VERSION).i64(id).address(requester);
        TransactionCodec.writePayload(terms, out);
        out.height(posted)
                .u8(status.ordinal())
                .i32(roundsDone)
                .amount(escrow)
                .i64(revealedMask)
                .i32(forfeits)
                .amount(burned)
                .list(winners, (h, w) -> w.hash(h))
                .hash(lastRoundKey)
                .list(held, (e, w) -> e.write(w))
                .list(refuted, (h, w) -> w.hash(h));
    }

    public static TaskState read(CanonicalReader in) {
        in.version(VERSION, "task state");
        long id = in.i64();
        Address requester = in.address();
        if (!(TransactionCodec.readPayload(in) instanceof PostTask terms)) {
            throw new CodecException("task state must hold PostTask terms");
        }
        Height posted = in.height();
        int status = in.u8();
        if (status >= TaskStatus.values().length) {
            throw new CodecException("unknown task status " + status);
        }
        int done = in.i32();
        Amount escrow = in.amount();
        long mask = in.i64();
        int forfeits = in.i32();
        Amount burned = in.amount();
        List<Hash> winners = in.list(PostTask.MAX_SHARDS, 32, CanonicalReader::hash);
        Hash key = in.hash();
        List<HeldReward> held = in.list(PostTask.MAX_SHARDS, 100, HeldReward::read);
        List<Hash> refuted = in.list(PostTask.MAX_SHARDS, 32, CanonicalReader::hash);
        return in.guard(() -> new TaskState(
                id,
                requester,
                terms,
                posted,
                TaskStatus.values()[status],
                done,
                escrow,
                mask,
                forfeits,
                burned,
                winners,
                key,
                held,
                refuted));
    }
}
