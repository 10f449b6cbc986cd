package io.learnchain.chain.lifelong;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.lifelong.LifelongBlobs.Failed;
import io.learnchain.chain.lifelong.LifelongBlobs.Loaded;
import io.learnchain.chain.lifelong.LifelongBlobs.Ok;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.state.LifelongPending;
import io.learnchain.chain.state.LifelongRecords.LossKind;
import io.learnchain.chain.state.LifelongRecords.LossPoint;
import io.learnchain.chain.state.LifelongRecords.Proposal;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.lifelong.FixedPointLoss;
import io.learnchain.learn.lifelong.ModelGrowth;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The effects of the lifelong transactions (PROTOCOL.md 5), after the transaction processor checked
 * chain id, signature and nonce. Each pays only its fee (the incentives are badges, not coins).
 * Nothing is written unless every rule passes. Losses are recomputed with {@link FixedPointLoss}
 * on the model's revealed parts, so a claim is checked by exact equality.
 */
public final class LifelongProcessor {
    private LifelongProcessor() {}

    /** Everything a rule needs about the transaction and the block. */
    public record Call(
            TxBody body,
            Address sender,
            Account account,
            StateDelta state,
            Height height,
            long maxModelBytes,
            LifelongEnv env) {}

    public static TxResult deploy(Call c, DeployModel d) {
        Optional<TxResult.Rejected> fee = fee(c);
        if (fee.isPresent()) {
            return fee.get();
        }
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(d.modelSpec());
        } catch (IllegalArgumentException e) {
            return reject(InvalidReason.BAD_DEPLOYMENT, "the model spec does not parse: " + e.getMessage());
        }
        if (!spec.text().equals(d.modelSpec())) {
            return reject(InvalidReason.BAD_DEPLOYMENT, "the model spec must be canonical: '" + spec.text() + "'");
        }
        if (load(c, d.initialWeights(), spec, "initial weights") instanceof Failed<Model> f) {
            return f.rejection();
        }
        LifelongBook book = c.state().lifelong();
        c.state().put(c.sender(), c.account().debitAndAdvance(c.body().fee()));
        c.state().putLifelong(book.withModel(LifelongModel.deployed(book.nextId(), c.sender(), d, c.height())));
        return new TxResult.Applied(c.body().fee());
    }

    public static TxResult reveal(Call c, RevealParts r) {
        Optional<LifelongModel> found = c.state().lifelong().get(r.modelId());
        Optional<TxResult.Rejected> wrong = own(found, r.modelId(), c.sender())
                .or(() -> found.get().pending().isEmpty()
                                || !found.get().pending().get().isPicked()
                        ? rejected(
                                InvalidReason.NOTHING_TO_REVEAL,
                                "model " + r.modelId() + " has no picked test parts waiting ("
                                        + found.get().status()
                                        + "); parts are picked in the block after the deployment or growth")
                        : Optional.empty())
                .or(() -> fee(c));
        if (wrong.isPresent()) {
            return wrong.get();
        }
        LifelongModel m = found.get();
        LifelongPending p = m.pending().orElseThrow();
        ModelSpec spec = ModelSpec.parse(p.isGrowth() ? p.grownSpec() : m.spec());
        Hash weightsHash = p.isGrowth() ? p.grownWeights() : m.weights();
        List<Hash> all = new ArrayList<>(m.lossParts());
        all.addAll(p.chosenHashes());
        Loaded<List<Dataset>> parts = LifelongBlobs.parts(c.env().blobs(), all, spec);
        if (parts instanceof Failed<List<Dataset>> f) {
            return f.rejection();
        }
        Loaded<Model> weights = load(c, weightsHash, spec, "model weights");
        if (weights instanceof Failed<Model> f) {
            return f.rejection();
        }
        long loss = FixedPointLoss.of(
                ((Ok<Model>) weights).value(),
                ((Ok<List<Dataset>>) parts).value(),
                c.env().pool());
        LossPoint point = new LossPoint(
                p.isGrowth() ? LossKind.GROWN : LossKind.DEPLOYED,
                c.height().value(),
                c.height().value() / m.epochBlocks(),
                loss,
                weightsHash,
                c.sender(),
                0);
        c.state().put(c.sender(), c.account().debitAndAdvance(c.body().fee()));
        c.state().putLifelong(c.state().lifelong().withModel(m.revealed(p.chosenHashes(), loss, point)));
        return new TxResult.Applied(c.body().fee());
    }

    public static TxResult propose(Call c, ProposeUpdate p) {
        Optional<LifelongModel> found = c.state().lifelong().get(p.modelId());
        Optional<TxResult.Rejected> wrong = active(found, p.modelId(), p.parent())
                .or(() -> p.claimedLoss() >= found.get().loss()
                        ? rejected(
                                InvalidReason.LOSS_NOT_LOWER,
                                "claimed loss " + FixedPointLoss.text(p.claimedLoss()) + " is not below the current "
                                        + FixedPointLoss.text(found.get().loss()))
                        : Optional.empty())
                .or(() -> found.get().proposals().stream()
                                .anyMatch(x -> x.weights().equals(p.weights()))
                        ? rejected(
                                InvalidReason.ALREADY_PROPOSED,
                                "weights " + p.weights().shortHex() + " were already proposed in this epoch")
                        : Optional.empty())
                .or(() -> fee(c));
        if (wrong.isPresent()) {
            return wrong.get();
        }
        LifelongModel m = found.get();
        Loaded<Long> loss = measure(c, m, p.weights());
        if (loss instanceof Failed<Long> f) {
            return f.rejection();
        }
        long actual = ((Ok<Long>) loss).value();
        if (actual != p.claimedLoss()) {
            return reject(
                    InvalidReason.WRONG_LOSS_CLAIM,
                    "the weights " + p.weights().shortHex() + " have loss " + FixedPointLoss.text(actual)
                            + " on Dk, the proposal claims " + FixedPointLoss.text(p.claimedLoss()));
        }
        long epoch = c.height().value() / m.epochBlocks();
        c.state().put(c.sender(), c.account().debitAndAdvance(c.body().fee()));
        c.state()
                .putLifelong(c.state()
                        .lifelong()
                        .withModel(m.withProposal(
                                new Proposal(
                                        c.sender(),
                                        p.weights(),
                                        actual,
                                        c.height().value()),
                                epoch)));
        return new TxResult.Applied(c.body().fee());
    }

    /** Loads {@code weightsHash} as an update of {@code m} (frozen part unchanged) and measures it on Dk. */
    private static Loaded<Long> measure(Call c, LifelongModel m, Hash weightsHash) {
        ModelSpec spec = ModelSpec.parse(m.spec());
        Loaded<Model> next = load(c, weightsHash, spec, "proposed weights");
        if (next instanceof Failed<Model> f) {
            return new Failed<>(f.rejection());
        }
        Model model = ((Ok<Model>) next).value();
        if (!m.frozenSpec().isEmpty()) {
            Loaded<Model> current = load(c, m.weights(), spec, "current weights");
            if (current instanceof Failed<Model> f) {
                return new Failed<>(f.rejection());
            }
            var frozen = ModelGrowth.plan(ModelSpec.parse(m.frozenSpec()), spec).frozen();
            Optional<String> changed = ModelGrowth.checkUnchanged(((Ok<Model>) current).value(), model, frozen);
            if (changed.isPresent()) {
                return LifelongBlobs.failed(InvalidReason.FROZEN_WEIGHTS_CHANGED, changed.get());
            }
        }
        Loaded<List<Dataset>> parts = LifelongBlobs.parts(c.env().blobs(), m.lossParts(), spec);
        if (parts instanceof Failed<List<Dataset>> f) {
            return new Failed<>(f.rejection());
        }
        return new Ok<>(FixedPointLoss.of(
                model, ((Ok<List<Dataset>>) parts).value(), c.env().pool()));
    }

    public static TxResult challenge(Call c, Challenge ch, boolean claimSignatureValid, boolean claimChainValid) {
        Optional<LifelongModel> found = c.state().lifelong().get(ch.modelId());
        ProposeUpdate claim = ch.proposal();
        Hash claimHash = ch.claim().hash();
        Optional<TxResult.Rejected> wrong = active(found, ch.modelId(), claim.parent())
                .map(r -> r.reason() == InvalidReason.WRONG_PARENT_MODEL
                        ? new TxResult.Rejected(
                                InvalidReason.CHALLENGE_STALE,
                                "the challenged claim builds on "
                                        + claim.parent().shortHex()
                                        + ", no longer the current model: it cannot be accepted anyway")
                        : r)
                .or(() -> !(claimSignatureValid && claimChainValid)
                        ? rejected(
                                InvalidReason.CHALLENGE_UNFOUNDED,
                                "the challenged claim is not signed by its proposer for this chain, so it proves"
                                        + " nothing")
                        : Optional.empty())
                .or(() -> found.get().challenged().contains(claimHash)
                        ? rejected(
                                InvalidReason.CHALLENGE_REPEATED,
                                "claim " + claimHash.shortHex() + " was already proven false")
                        : Optional.empty())
                .or(() -> fee(c));
        if (wrong.isPresent()) {
            return wrong.get();
        }
        LifelongModel m = found.get();
        Loaded<Long> loss = measure(c, m, claim.weights());
        if (loss instanceof Failed<Long> f && f.rejection().reason() == InvalidReason.LIFELONG_BLOB_MISSING) {
            return f.rejection();
        }
        if (loss instanceof Ok<Long> ok && ok.value() == claim.claimedLoss()) {
            return reject(
                    InvalidReason.CHALLENGE_UNFOUNDED,
                    "the claim is right: weights " + claim.weights().shortHex() + " have loss "
                            + FixedPointLoss.text(ok.value()));
        }
        Address proposer = ch.claim().body().senderAddress();
        c.state().put(c.sender(), c.account().debitAndAdvance(c.body().fee()));
        LifelongBook book = c.state().lifelong().withModel(m.withChallenged(claimHash));
        book = book.withBadges(proposer, book.badges(proposer).plus(0, 0, 1, 0));
        book = book.withBadges(c.sender(), book.badges(c.sender()).plus(0, 0, 0, 1));
        c.state().putLifelong(book);
        return new TxResult.Applied(c.body().fee());
    }

    public static TxResult grow(Call c, GrowModel g) {
        Optional<LifelongModel> found = c.state().lifelong().get(g.modelId());
        Optional<TxResult.Rejected> wrong = own(found, g.modelId(), c.sender())
                .or(() -> active(found, g.modelId(), g.parent()))
                .or(() -> !found.get().proposals().isEmpty()
                        ? rejected(
                                InvalidReason.PROPOSALS_PENDING,
                                "model " + g.modelId() + " has "
                                        + found.get().proposals().size()
                                        + " proposals in its open epoch: grow after the epoch closes")
                        : Optional.empty())
                .or(() -> found.get().loss() >= found.get().threshold()
                        ? rejected(
                                InvalidReason.LOSS_ABOVE_THRESHOLD,
                                "the loss " + FixedPointLoss.text(found.get().loss())
                                        + " is not below the growth threshold "
                                        + FixedPointLoss.text(found.get().threshold()))
                        : Optional.empty())
                .or(() -> fee(c));
        if (wrong.isPresent()) {
            return wrong.get();
        }
        LifelongModel m = found.get();
        ModelSpec old = ModelSpec.parse(m.spec());
        ModelSpec grown;
        ModelGrowth.Plan plan;
        try {
            grown = ModelSpec.parse(g.grownSpec());
            if (!grown.text().equals(g.grownSpec())) {
                return reject(InvalidReason.NOT_A_GROWTH, "the grown spec must be canonical: '" + grown.text() + "'");
            }
            plan = ModelGrowth.plan(old, grown);
        } catch (IllegalArgumentException e) {
            return reject(InvalidReason.NOT_A_GROWTH, e.getMessage());
        }
        Loaded<Model> current = load(c, m.weights(), old, "current weights");
        if (current instanceof Failed<Model> f) {
            return f.rejection();
        }
        Loaded<Model> next = load(c, g.grownWeights(), grown, "grown weights");
        if (next instanceof Failed<Model> f) {
            return f.rejection();
        }
        Optional<String> changed =
                ModelGrowth.checkFrozen(((Ok<Model>) current).value(), ((Ok<Model>) next).value(), plan);
        if (changed.isPresent()) {
            return reject(InvalidReason.FROZEN_WEIGHTS_CHANGED, changed.get());
        }
        LifelongPending pending = new LifelongPending(
                g.partHashes(), g.selectCount(), List.of(), 0, g.grownSpec(), g.grownWeights(), g.growthThreshold());
        c.state().put(c.sender(), c.account().debitAndAdvance(c.body().fee()));
        c.state().putLifelong(c.state().lifelong().withModel(m.withPending(Optional.of(pending))));
        return new TxResult.Applied(c.body().fee());
    }

    /** True for the lifelong kinds (PROTOCOL.md 5), which any engine's blocks may carry, idle ones included. */
    public static boolean isLifelong(Payload payload) {
        return switch (payload) {
            case DeployModel d -> true;
            case RevealParts r -> true;
            case ProposeUpdate p -> true;
            case Challenge c -> true;
            case GrowModel g -> true;
            case Transfer t -> false;
            case PostTask t -> false;
            case CancelTask t -> false;
            case RevealShard t -> false;
            case WorkFraud t -> false;
        };
    }

    /** Cheap admission checks for the mempool: the model exists and the sender may act on it; empty when fine. */
    public static Optional<TxResult.Rejected> admit(Payload payload, Address sender, LifelongBook book) {
        long id = switch (payload) {
            case RevealParts r -> r.modelId();
            case ProposeUpdate p -> p.modelId();
            case Challenge ch -> ch.modelId();
            case GrowModel g -> g.modelId();
            case DeployModel d -> 0;
            case Transfer t -> 0;
            case PostTask t -> 0;
            case CancelTask t -> 0;
            case RevealShard t -> 0;
            case WorkFraud t -> 0;
        };
        if (id == 0) {
            return Optional.empty();
        }
        Optional<LifelongModel> m = book.get(id);
        if (m.isEmpty()) {
            return rejected(InvalidReason.UNKNOWN_MODEL, "there is no lifelong model " + id);
        }
        if ((payload instanceof RevealParts || payload instanceof GrowModel)
                && !m.get().initiator().equals(sender)) {
            return rejected(
                    InvalidReason.NOT_INITIATOR,
                    "model " + id + " was deployed by " + m.get().initiator() + ", not " + sender);
        }
        if (payload instanceof ProposeUpdate p) {
            return active(m, id, p.parent())
                    .or(() -> p.claimedLoss() >= m.get().loss()
                            ? rejected(
                                    InvalidReason.LOSS_NOT_LOWER,
                                    "claimed loss " + FixedPointLoss.text(p.claimedLoss())
                                            + " is not below the current "
                                            + FixedPointLoss.text(m.get().loss()))
                            : Optional.empty());
        }
        return Optional.empty();
    }

    private static Loaded<Model> load(Call c, Hash hash, ModelSpec spec, String what) {
        return LifelongBlobs.model(c.env().blobs(), hash, spec, c.maxModelBytes(), what);
    }

    private static Optional<TxResult.Rejected> own(Optional<LifelongModel> found, long id, Address sender) {
        if (found.isEmpty()) {
            return rejected(InvalidReason.UNKNOWN_MODEL, "there is no lifelong model " + id);
        }
        if (!found.get().initiator().equals(sender)) {
            return rejected(
                    InvalidReason.NOT_INITIATOR,
                    "model " + id + " was deployed by " + found.get().initiator() + ", not " + sender);
        }
        return Optional.empty();
    }

    private static Optional<TxResult.Rejected> active(Optional<LifelongModel> found, long id, Hash parent) {
        if (found.isEmpty()) {
            return rejected(InvalidReason.UNKNOWN_MODEL, "there is no lifelong model " + id);
        }
        LifelongModel m = found.get();
        if (!m.acceptsProposals()) {
            return rejected(
                    InvalidReason.MODEL_NOT_ACTIVE,
                    "model " + id + " is " + m.status()
                            + (m.pending().isPresent() ? " with test parts waiting for their reveal" : ""));
        }
        if (!m.weights().equals(parent)) {
            return rejected(
                    InvalidReason.WRONG_PARENT_MODEL,
                    "the current weights of model " + id + " are " + m.weights().shortHex() + ", not "
                            + parent.shortHex());
        }
        return Optional.empty();
    }

    private static Optional<TxResult.Rejected> fee(Call c) {
        if (!c.account().balance().isAtLeast(c.body().fee())) {
            return rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    c.sender() + " has " + c.account().balance() + ", the fee is "
                            + c.body().fee());
        }
        return Optional.empty();
    }

    private static TxResult.Rejected reject(InvalidReason reason, String detail) {
        return new TxResult.Rejected(reason, detail);
    }

    private static Optional<TxResult.Rejected> rejected(InvalidReason reason, String detail) {
        return Optional.of(new TxResult.Rejected(reason, detail));
    }
}
