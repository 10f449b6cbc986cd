package io.learnchain.chain.lifelong;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.LifelongModel;
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
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loads the blobs lifelong transactions depend on, turning each failure into a typed rejection. */
public final class LifelongBlobs {
    /** A loaded value or why not. */
    public sealed interface Loaded<T> {}

    public record Ok<T>(T value) implements Loaded<T> {}

    public record Failed<T>(TxResult.Rejected rejection) implements Loaded<T> {}

    private LifelongBlobs() {}

    /**
     * The first blob a block's lifelong transactions need that {@code blobs} lacks, judged on the
     * registry after the block's lifelong step: empty when all are there. A block with a missing
     * blob is undecided (fetch and retry), never invalid.
     */
    public static Optional<Hash> missing(List<Transaction> txs, LifelongBook book, BlobView blobs) {
        Set<Hash> needed = new LinkedHashSet<>();
        for (Transaction tx : txs) {
            if (!(tx instanceof SignedTransaction s)) {
                continue;
            }
            switch (s.body().payload()) {
                case DeployModel d -> needed.add(d.initialWeights());
                case RevealParts r ->
                    book.get(r.modelId()).ifPresent(m -> {
                        modelBlobs(m, needed);
                        m.pending().ifPresent(p -> {
                            needed.addAll(p.chosenHashes());
                            if (p.isGrowth()) {
                                needed.add(p.grownWeights());
                            }
                        });
                    });
                case ProposeUpdate p -> {
                    needed.add(p.weights());
                    book.get(p.modelId()).ifPresent(m -> modelBlobs(m, needed));
                }
                case Challenge c -> {
                    needed.add(c.proposal().weights());
                    book.get(c.modelId()).ifPresent(m -> modelBlobs(m, needed));
                }
                case GrowModel g -> {
                    needed.add(g.grownWeights());
                    book.get(g.modelId()).ifPresent(m -> needed.add(m.weights()));
                }
                case Transfer t -> {}
                case PostTask t -> {}
                case CancelTask t -> {}
                case RevealShard t -> {}
                case WorkFraud f -> needed.add(f.opening());
            }
        }
        for (Hash h : needed) {
            if (blobs.get(h).isEmpty()) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static void modelBlobs(LifelongModel m, Set<Hash> needed) {
        needed.add(m.weights());
        needed.addAll(m.lossParts());
    }

    /** The weights blob: present, within size, hashing to its key, finite, decodable, of {@code spec}. */
    public static Loaded<Model> model(BlobView blobs, Hash hash, ModelSpec spec, long maxBytes, String what) {
        Optional<byte[]> found = blobs.get(hash);
        if (found.isEmpty()) {
            return failed(
                    InvalidReason.LIFELONG_BLOB_MISSING,
                    what + " blob " + hash.shortHex() + " is not available here: upload it with the transaction");
        }
        byte[] bytes = found.get();
        if (bytes.length > maxBytes) {
            return failed(
                    InvalidReason.MODEL_TOO_LARGE,
                    what + " of " + bytes.length + " bytes exceeds the genesis" + " limit of " + maxBytes);
        }
        if (!Hash.sha256(bytes).equals(hash)) {
            return failed(
                    InvalidReason.MODEL_HASH_MISMATCH,
                    what + " blob hashes to " + Hash.sha256(bytes).shortHex() + ", the transaction names "
                            + hash.shortHex());
        }
        if (Model.hasNonFiniteParameters(bytes)) {
            return failed(InvalidReason.NAN_WEIGHTS, what + " " + hash.shortHex() + " holds NaN or infinite weights");
        }
        Model model;
        try {
            model = Model.fromCanonicalBytes(bytes);
        } catch (IllegalArgumentException e) {
            return failed(
                    InvalidReason.MALFORMED_MODEL,
                    what + " " + hash.shortHex() + " does not decode: " + e.getMessage());
        }
        if (!model.spec().equals(spec)) {
            return failed(
                    InvalidReason.WRONG_MODEL_SPEC,
                    what + " has spec '" + model.spec() + "', the model is '" + spec + "'");
        }
        return new Ok<>(model);
    }

    /** Test parts in order; each must be a data set the model {@code spec} reads (labels among its outputs). */
    public static Loaded<List<Dataset>> parts(BlobView blobs, List<Hash> hashes, ModelSpec spec) {
        List<Dataset> out = new ArrayList<>(hashes.size());
        for (Hash h : hashes) {
            Optional<Dataset> d;
            try {
                d = blobs.dataset(h);
            } catch (IllegalArgumentException e) {
                return failed(
                        InvalidReason.BAD_TEST_PART,
                        "test part " + h.shortHex() + " is not a data set: " + e.getMessage());
            }
            if (d.isEmpty()) {
                return failed(
                        InvalidReason.LIFELONG_BLOB_MISSING,
                        "test part " + h.shortHex() + " is not available here: upload it");
            }
            Dataset data = d.get();
            if (data.sampleSize() != spec.layout().input().size()
                    || data.classes() > spec.outputSize()
                    || data.count() == 0) {
                return failed(
                        InvalidReason.BAD_TEST_PART,
                        "test part " + h.shortHex() + " has " + data.count()
                                + " samples of " + data.sampleSize() + " values and " + data.classes()
                                + " classes; the model"
                                + " reads " + spec.layout().input().size() + " and outputs " + spec.outputSize());
            }
            out.add(data);
        }
        return new Ok<>(out);
    }

    static <T> Failed<T> failed(InvalidReason reason, String detail) {
        return new Failed<>(new TxResult.Rejected(reason, detail));
    }
}
