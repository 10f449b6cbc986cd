package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.state.LifelongRecords.LossPoint;
import io.learnchain.chain.state.LifelongRecords.Proposal;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifelong model in the world state (PROTOCOL.md 5): its deployment terms and initiator, the
 * current spec, weights hash and loss (micro-nats, -1 before the first reveal), the growth
 * threshold, the spec before the last growth (whose weights are frozen; empty if never grown), the
 * revealed test parts the loss is measured on (Dk, then each growth's picks), test parts waiting
 * to be picked or revealed, the proposals of the open epoch, the loss history and the claims
 * already proven false.
 */
public record LifelongModel(
        long id,
        Address initiator,
        Height deployed,
        DeployModel terms,
        boolean isVoid,
        String spec,
        Hash weights,
        long loss,
        long threshold,
        String frozenSpec,
        int generation,
        List<Hash> lossParts,
        Optional<LifelongPending> pending,
        long proposalsEpoch,
        List<Proposal> proposals,
        List<LossPoint> history,
        List<Hash> challenged) {
    public static final int VERSION = 1;
    public static final int MAX_LIST = 1 << 20;

    public LifelongModel {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(deployed, "deployed");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(frozenSpec, "frozenSpec");
        Objects.requireNonNull(pending, "pending");
        lossParts = List.copyOf(lossParts);
        proposals = List.copyOf(proposals);
        history = List.copyOf(history);
        challenged = List.copyOf(challenged);
        if (id < 1 || generation < 0 || loss < -1) {
            throw new IllegalArgumentException("lifelong model " + id + ": inconsistent id, generation or loss");
        }
    }

    /** A model just deployed at {@code height}: its parts wait for the next block to pick Dk. */
    public static LifelongModel deployed(long id, Address initiator, DeployModel terms, Height height) {
        LifelongPending pending =
                new LifelongPending(terms.partHashes(), terms.selectCount(), List.of(), 0, "", Hash.ZERO, 0);
        return new LifelongModel(
                id,
                initiator,
                height,
                terms,
                false,
                terms.modelSpec(),
                terms.initialWeights(),
                -1,
                terms.growthThreshold(),
                "",
                0,
                List.of(),
                Optional.of(pending),
                0,
                List.of(),
                List.of(),
                List.of());
    }

    public LifelongStatus status() {
        if (isVoid) {
            return LifelongStatus.VOID;
        }
        if (pending.isPresent() && !pending.get().isGrowth()) {
            return pending.get().isPicked() ? LifelongStatus.REVEALING : LifelongStatus.SELECTING;
        }
        return LifelongStatus.ACTIVE;
    }

    /** True when proposals are accepted: active and no growth waiting for its parts. */
    public boolean acceptsProposals() {
        return status() == LifelongStatus.ACTIVE && pending.isEmpty();
    }

    public int epochBlocks() {
        return terms.epochBlocks();
    }

    public LifelongModel withPending(Optional<LifelongPending> p) {
        return new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                isVoid,
                spec,
                weights,
                loss,
                threshold,
                frozenSpec,
                generation,
                lossParts,
                p,
                proposalsEpoch,
                proposals,
                history,
                challenged);
    }

    public LifelongModel voided() {
        return new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                true,
                spec,
                weights,
                loss,
                threshold,
                frozenSpec,
                generation,
                lossParts,
                Optional.empty(),
                proposalsEpoch,
                proposals,
                history,
                challenged);
    }

    /** The model with {@code newWeights} current at {@code newLoss}, the epoch's proposals cleared, {@code point} logged. */
    public LifelongModel withCurrent(Hash newWeights, long newLoss, LossPoint point) {
        return new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                isVoid,
                spec,
                newWeights,
                newLoss,
                threshold,
                frozenSpec,
                generation,
                lossParts,
                pending,
                0,
                List.of(),
                append(history, point),
                challenged);
    }

    /** Activation after a reveal: parts appended, pending cleared, the grown spec (if any) current. */
    public LifelongModel revealed(List<Hash> parts, long newLoss, LossPoint point) {
        LifelongPending p = pending.orElseThrow();
        List<Hash> all = new ArrayList<>(lossParts);
        all.addAll(parts);
        if (p.isGrowth()) {
            return new LifelongModel(
                    id,
                    initiator,
                    deployed,
                    terms,
                    false,
                    p.grownSpec(),
                    p.grownWeights(),
                    newLoss,
                    p.grownThreshold(),
                    spec,
                    generation + 1,
                    all,
                    Optional.empty(),
                    0,
                    List.of(),
                    append(history, point),
                    challenged);
        }
        return new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                false,
                spec,
                weights,
                newLoss,
                threshold,
                frozenSpec,
                generation,
                all,
                Optional.empty(),
                0,
                List.of(),
                append(history, point),
                challenged);
    }

    public LifelongModel withProposal(Proposal p, long epoch) {
        return new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                isVoid,
                spec,
                weights,
                loss,
                threshold,
                frozenSpec,
                generation,
                lossParts,
                pending,
                epoch,
                append(proposals, p),
                history,
                challenged);
    }

    public LifelongModel withChallenged(Hash claim) {
        return new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                isVoid,
                spec,
                weights,
                loss,
                threshold,
                frozenSpec,
                generation,
                lossParts,
                pending,
                proposalsEpoch,
                proposals,
                history,
                append(challenged, claim));
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    public byte[] canonicalBytes() {
        CanonicalWriter out = new CanonicalWriter(1024);
        write(out);
        return out.toByteArray();
    }

    public Hash hash() {
        return Hash.sha256(canonicalBytes());
    }

    public void write(CanonicalWriter out) {
        out.u8(VERSION).i64(id).address(initiator).height(deployed);
        TransactionCodec.writePayload(terms, out);
        out.bool(isVoid)
                .string(spec)
                .hash(weights)
                .i64(loss)
                .i64(threshold)
                .string(frozenSpec)
                .i32(generation)
                .list(lossParts, (h, w) -> w.hash(h))
                .bool(pending.isPresent());
        pending.ifPresent(p -> p.write(out));
        out.i64(proposalsEpoch)
                .list(proposals, (p, w) -> p.write(w))
                .list(history, (p, w) -> p.write(w))
                .list(challenged, (h, w) -> w.hash(h));
    }

    public static LifelongModel read(CanonicalReader in) {
        in.version(VERSION, "lifelong model");
        long id = in.i64();
        Address initiator = in.address();
        Height deployed = in.height();
        if (!(TransactionCodec.readPayload(in) instanceof DeployModel terms)) {
            throw new CodecException("a lifelong model must hold DeployModel terms");
        }
        boolean isVoid = in.bool();
        String spec = in.string(DeployModel.MAX_SPEC_BYTES);
        Hash weights = in.hash();
        long loss = in.i64();
        long threshold = in.i64();
        String frozen = in.string(DeployModel.MAX_SPEC_BYTES);
        int generation = in.i32();
        List<Hash> parts = in.list(MAX_LIST, 32, CanonicalReader::hash);
        Optional<LifelongPending> pending = in.bool() ? Optional.of(LifelongPending.read(in)) : Optional.empty();
        long epoch = in.i64();
        List<Proposal> proposals = in.list(MAX_LIST, 64, Proposal::read);
        List<LossPoint> history = in.list(MAX_LIST, 64, LossPoint::read);
        List<Hash> challenged = in.list(MAX_LIST, 32, CanonicalReader::hash);
        return in.guard(() -> new LifelongModel(
                id,
                initiator,
                deployed,
                terms,
                isVoid,
                spec,
                weights,
                loss,
                threshold,
                frozen,
                generation,
                parts,
                pending,
                epoch,
                proposals,
                history,
                challenged));
    }
}
