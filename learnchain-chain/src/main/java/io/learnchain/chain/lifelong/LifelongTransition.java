package io.learnchain.chain.lifelong;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.state.LifelongPending;
import io.learnchain.chain.state.LifelongRecords.LossKind;
import io.learnchain.chain.state.LifelongRecords.LossPoint;
import io.learnchain.chain.state.LifelongRecords.Proposal;
import io.learnchain.chain.state.StateDelta;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The lifelong step at the start of every block (any engine), before its transactions, in model id
 * order: (1) parts deployed or grown in the parent block are picked with the parent's hash (the
 * including block's hash) and get the reveal deadline height + W - 1; (2) a picked, unrevealed
 * selection past its deadline voids the deployment, or drops the growth (the old model stays);
 * (3) when the block opens a new epoch (height / E greater than the proposals' epoch), the lowest
 * valid loss of the closed epoch becomes current (ties: the earliest), every proposer of the epoch
 * gets a participation badge and the winner the special badge. No models: nothing changes.
 */
public final class LifelongTransition {
    private LifelongTransition() {}

    public static void begin(StateDelta delta, Height height, Hash previous) {
        LifelongBook book = delta.lifelong();
        if (book.isEmpty()) {
            return;
        }
        long h = height.value();
        for (LifelongModel m : book.all()) {
            LifelongModel next = m;
            Optional<LifelongPending> pending = m.pending();
            if (pending.isPresent() && !pending.get().isPicked()) {
                LifelongPending p = pending.get();
                var picked = PartPicker.pick(
                        previous, m.id(), m.generation(), p.candidates().size(), p.selectCount());
                next = next.withPending(
                        Optional.of(p.picked(picked, h + m.terms().revealWindow() - 1)));
            } else if (pending.isPresent() && h > pending.get().deadline()) {
                next = pending.get().isGrowth() ? next.withPending(Optional.empty()) : next.voided();
            }
            if (next.acceptsProposals()
                    && !next.proposals().isEmpty()
                    && h / next.epochBlocks() > next.proposalsEpoch()) {
                book = closeEpoch(book, next, h);
                next = book.get(m.id()).orElseThrow();
            }
            if (next != m) {
                book = book.withModel(next);
            }
        }
        delta.putLifelong(book);
    }

    private static LifelongBook closeEpoch(LifelongBook book, LifelongModel m, long height) {
        Proposal best = m.proposals().getFirst();
        for (Proposal p : m.proposals()) {
            if (p.loss() < best.loss()) {
                best = p;
            }
        }
        TreeSet<Address> proposers = new TreeSet<>();
        for (Proposal p : m.proposals()) {
            proposers.add(p.proposer());
        }
        LifelongBook out = book;
        for (Address a : proposers) {
            out = out.withBadges(a, out.badges(a).plus(1, a.equals(best.proposer()) ? 1 : 0, 0, 0));
        }
        LossPoint point = new LossPoint(
                LossKind.EPOCH,
                height,
                m.proposalsEpoch(),
                best.loss(),
                best.weights(),
                best.proposer(),
                m.proposals().size());
        return out.withModel(m.withCurrent(best.weights(), best.loss(), point));
    }
}
