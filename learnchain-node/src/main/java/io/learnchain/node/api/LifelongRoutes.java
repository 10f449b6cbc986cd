package io.learnchain.node.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.state.LifelongRecords.Badges;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.node.api.Dtos.SubmitResponse;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.blob.BlobTooLargeException;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.mempool.Admission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * REST endpoints for lifelong models (PROTOCOL.md 5) under /api/v1/lifelong (see docs/api.md): the
 * models, one model's current weights, loss history, open proposals and badges, an address's
 * reputation, blob download, and submission of a lifelong transaction together with its blobs.
 */
public final class LifelongRoutes implements ApiRoutes {
    /** A lifelong transaction and the blobs it names (weights, revealed test parts), all hex. */
    public record LifelongSubmit(String hex, List<String> blobs) {}

    private final ChainService chain;
    private final BlobStore blobs;

    public LifelongRoutes(ChainService chain, BlobStore blobs) {
        this.chain = chain;
        this.blobs = blobs;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/lifelong", this::list);
        app.get("/api/v1/lifelong/reputation/{address}", this::reputation);
        app.get("/api/v1/lifelong/blobs/{hash}", this::blob);
        app.post("/api/v1/lifelong/transactions", this::submit);
        app.get("/api/v1/lifelong/{id}", this::model);
    }

    private LifelongBook book() {
        return chain.head().tip().state().lifelong();
    }

    private void list(Context ctx) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (LifelongModel m : book().all()) {
            models.add(summary(m));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("height", chain.head().height().value());
        out.put("models", models);
        ctx.json(out);
    }

    private void model(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a lifelong model id is a whole number, got '" + ctx.pathParam("id") + "'");
        }
        LifelongBook book = book();
        LifelongModel m = book.get(id)
                .orElseThrow(() -> ApiException.notFound(
                        "there is no lifelong model " + id + "; GET /api/v1/lifelong lists them"));
        Map<String, Object> out = summary(m);
        out.put("lossParts", m.lossParts().stream().map(Hash::toHex).toList());
        out.put(
                "pending",
                m.pending()
                        .map(p -> {
                            Map<String, Object> pm = new LinkedHashMap<>();
                            pm.put("growth", p.isGrowth());
                            pm.put(
                                    "candidates",
                                    p.candidates().stream().map(Hash::toHex).toList());
                            pm.put("selectCount", p.selectCount());
                            pm.put("picked", p.chosen());
                            pm.put(
                                    "pickedHashes",
                                    p.chosenHashes().stream().map(Hash::toHex).toList());
                            pm.put("revealDeadline", p.isPicked() ? p.deadline() : null);
                            pm.put("grownSpec", p.isGrowth() ? p.grownSpec() : null);
                            pm.put(
                                    "grownWeights",
                                    p.isGrowth() ? p.grownWeights().toHex() : null);
                            return pm;
                        })
                        .orElse(null));
        out.put(
                "proposals",
                m.proposals().stream()
                        .map(p -> Map.<String, Object>of(
                                "proposer",
                                p.proposer().toString(),
                                "weights",
                                p.weights().toHex(),
                                "loss",
                                p.loss(),
                                "height",
                                p.height()))
                        .toList());
        out.put(
                "history",
                m.history().stream()
                        .map(p -> {
                            Map<String, Object> pm = new LinkedHashMap<>();
                            pm.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
                            pm.put("height", p.height());
                            pm.put("epoch", p.epoch());
                            pm.put("loss", p.loss());
                            pm.put("weights", p.weights().toHex());
                            pm.put("by", p.by().toString());
                            pm.put("proposals", p.proposals());
                            return pm;
                        })
                        .toList());
        out.put("challenged", m.challenged().stream().map(Hash::toHex).toList());
        Set<Address> involved = new TreeSet<>();
        involved.add(m.initiator());
        m.history().forEach(p -> involved.add(p.by()));
        m.proposals().forEach(p -> involved.add(p.proposer()));
        out.put("badges", involved.stream().map(a -> badges(a, book.badges(a))).toList());
        ctx.json(out);
    }

    private static Map<String, Object> summary(LifelongModel m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("initiator", m.initiator().toString());
        out.put("deployedAt", m.deployed().value());
        out.put("status", m.status().name().toLowerCase(Locale.ROOT));
        out.put("spec", m.spec());
        out.put("weights", m.weights().toHex());
        out.put("loss", m.loss() < 0 ? null : m.loss());
        out.put("growthThreshold", m.threshold());
        out.put("generation", m.generation());
        out.put("frozenSpec", m.frozenSpec().isEmpty() ? null : m.frozenSpec());
        out.put("epochBlocks", m.epochBlocks());
        out.put("openEpoch", m.proposals().isEmpty() ? null : m.proposalsEpoch());
        out.put("openProposals", m.proposals().size());
        return out;
    }

    private static Map<String, Object> badges(Address a, Badges b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", a.toString());
        out.put("participation", b.participation());
        out.put("special", b.best());
        out.put("reputation", b.reputation());
        out.put("strikes", b.strikes());
        out.put("challenges", b.challenges());
        return out;
    }

    private void reputation(Context ctx) {
        Address a = ChainRoutes.parseAddress(ctx.pathParam("address"));
        ctx.json(badges(a, book().badges(a)));
    }

    private void blob(Context ctx) {
        Hash h = ChainRoutes.parseHash(ctx.pathParam("hash"), "blob hash");
        byte[] bytes;
        try {
            bytes = blobs.get(h).orElseThrow(() -> ApiException.notFound("blob " + h.toHex() + " is not on this node"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.json(Map.of("hash", h.toHex(), "hex", HexFormat.of().formatHex(bytes)));
    }

    private void submit(Context ctx) {
        LifelongSubmit request = ctx.bodyAsClass(LifelongSubmit.class);
        if (request == null || request.hex() == null) {
            throw ApiException.badRequest("send {\"hex\": \"<canonical signed lifelong transaction>\", \"blobs\":"
                    + " [\"<hex>\", ...]} (see docs/api.md)");
        }
        SignedTransaction tx = decode(request.hex());
        Set<Hash> allowed = referencedBlobs(tx);
        List<byte[]> uploads = new ArrayList<>();
        for (String hex : request.blobs() == null ? List.<String>of() : request.blobs()) {
            byte[] bytes;
            try {
                bytes = Bytes.fromHex(hex.strip()).toArray();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("a blob is not hex: " + e.getMessage());
            }
            Hash h = Hash.sha256(bytes);
            if (!allowed.contains(h)) {
                throw ApiException.rejected(
                        "UNREFERENCED_BLOB",
                        "blob " + h.toHex() + " is not named by the"
                                + " transaction (its weights, or the picked test parts it reveals)");
            }
            uploads.add(bytes);
        }
        // stored first, so a miner that takes the transaction finds its blobs; the ones this request
        // added are deleted again when the node refuses the transaction (nobody else may fill the disk)
        List<Hash> added = new ArrayList<>();
        try {
            for (byte[] b : uploads) {
                Hash h = Hash.sha256(b);
                if (!blobs.contains(h)) {
                    blobs.put(b);
                    added.add(h);
                }
            }
        } catch (BlobTooLargeException e) {
            deleteAll(added);
            throw ApiException.rejected("BLOB_TOO_LARGE", e.getMessage());
        } catch (IOException e) {
            deleteAll(added);
            throw new UncheckedIOException(e);
        }
        switch (chain.submitTransaction(tx)) {
            case Admission.Accepted accepted ->
                ctx.status(202).json(new SubmitResponse(accepted.hash().toHex(), "pending"));
            case Admission.Rejected rejected -> {
                deleteAll(added);
                throw new ApiException(
                        rejected.reason() == Admission.Reason.ALREADY_KNOWN ? 409 : 422,
                        rejected.reason().code(),
                        rejected.message());
            }
        }
    }

    private void deleteAll(List<Hash> hashes) {
        for (Hash h : hashes) {
            try {
                blobs.delete(h);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete blob " + h.toHex() + " of a refused transaction", e);
            }
        }
    }

    private static SignedTransaction decode(String hex) {
        Transaction tx;
        try {
            tx = TransactionCodec.INSTANCE.decode(Bytes.fromHex(hex.strip()).toArray());
        } catch (CodecException | IllegalArgumentException e) {
            throw ApiException.badRequest("the hex is not a canonical signed transaction: " + e.getMessage());
        }
        if (!(tx instanceof SignedTransaction signed)) {
            throw ApiException.badRequest("a coinbase cannot be submitted; only blocks carry one");
        }
        return signed;
    }

    /** The blobs a lifelong transaction may bring along; other kinds go to POST /api/v1/transactions. */
    private Set<Hash> referencedBlobs(SignedTransaction tx) {
        Set<Hash> out = new TreeSet<>();
        switch (tx.body().payload()) {
            case DeployModel d -> out.add(d.initialWeights());
            case ProposeUpdate p -> out.add(p.weights());
            case GrowModel g -> out.add(g.grownWeights());
            case Challenge c -> out.add(c.proposal().weights());
            case RevealParts r ->
                book().get(r.modelId()).flatMap(LifelongModel::pending).ifPresent(p -> out.addAll(p.chosenHashes()));
            case Transfer t -> throw notLifelong();
            case PostTask t -> throw notLifelong();
            case CancelTask t -> throw notLifelong();
            case RevealShard t -> throw notLifelong();
            case WorkFraud t -> throw notLifelong();
        }
        return out;
    }

    private static ApiException notLifelong() {
        return ApiException.badRequest("not a lifelong transaction: submit it to POST /api/v1/transactions");
    }
}
