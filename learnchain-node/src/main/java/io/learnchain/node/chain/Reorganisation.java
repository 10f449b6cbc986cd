package io.learnchain.node.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.node.storage.BlockInfo;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.StoreCorruptedException;
import io.learnchain.node.storage.UndoRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A switch of the canonical chain to a better branch: undo the canonical blocks above the fork
 * point with their undo records, re-validate every block of the new branch from the fork point's
 * state, and gather all of it (indexes, state, tip) into one {@link ChainUpdate}. Nothing is
 * written here: the caller commits the update, so a crash leaves either the old chain or the new.
 */
final class Reorganisation {
    private final ChainStore store;
    private final ChainStateLoader loader;
    private final ChainHead current;
    private final BlockInfo forkPoint;
    private final List<Hash> storedBranch;

    /** The result of replaying the branch. */
    sealed interface Outcome {
        record Switched(ChainUpdate update, ChainHead head, List<Block> disconnected, List<Block> connected)
                implements Outcome {
            /** User transactions of the undone blocks that the new branch does not include, oldest first. */
            List<SignedTransaction> abandonedTransactions() {
                Set<Hash> kept = new HashSet<>();
                connected.forEach(b -> b.transactions().forEach(tx -> kept.add(tx.hash())));
                List<SignedTransaction> out = new ArrayList<>();
                for (Block b : disconnected.reversed()) {
                    for (Transaction tx : b.transactions()) {
                        if (tx instanceof SignedTransaction s && !kept.contains(s.hash())) {
                            out.add(s);
                        }
                    }
                }
                return out;
            }
        }

        /** A block of the branch is invalid: the branch is abandoned. */
        record BadBranch(Hash blockHash, InvalidReason reason, String detail) implements Outcome {}

        record Undecided(UndecidedReason reason, String detail) implements Outcome {}
    }

    private Reorganisation(
            ChainStore store,
            ChainStateLoader loader,
            ChainHead current,
            BlockInfo forkPoint,
            List<Hash> storedBranch) {
        this.store = store;
        this.loader = loader;
        this.current = current;
        this.forkPoint = forkPoint;
        this.storedBranch = storedBranch;
    }

    /** Finds where the branch ending at {@code parentInfo} leaves the canonical chain. */
    static Reorganisation plan(ChainStore store, ChainStateLoader loader, ChainHead current, BlockInfo parentInfo) {
        List<Hash> branch = new ArrayList<>();
        BlockInfo info = parentInfo;
        while (!store.canonicalHash(info.height()).map(info.hash()::equals).orElse(false)) {
            branch.addFirst(info.hash());
            Hash parent = info.parent();
            info = store.blockInfo(parent)
                    .orElseThrow(() -> new StoreCorruptedException(
                            store.location(), "side-branch block " + parent.toHex() + " is missing"));
        }
        return new Reorganisation(store, loader, current, info, List.copyOf(branch));
    }

    BlockInfo forkPoint() {
        return forkPoint;
    }

    Outcome replay(Block newBlock, BlockInfo newInfo, ChainRules rules, ValidationContext context) {
        List<Block> disconnected = new ArrayList<>();
        WorldState forkState = undoToForkPoint(disconnected);
        ChainTip tip = loader.tipAt(forkPoint, forkState);
        List<Block> branch = new ArrayList<>();
        storedBranch.forEach(h -> branch.add(loader.block(h)));
        branch.add(newBlock);
        List<WorldState> before = new ArrayList<>();
        for (Block b : branch) {
            switch (BlockProcessor.apply(tip, b, rules, context)) {
                case Verdict.Valid valid -> {
                    before.add(tip.state());
                    tip = valid.tip();
                }
                case Verdict.Invalid invalid -> {
                    return new Outcome.BadBranch(b.hash(), invalid.reason(), invalid.detail());
                }
                case Verdict.Undecided undecided -> {
                    return new Outcome.Undecided(undecided.reason(), undecided.detail());
                }
            }
        }
        ChainUpdate update = buildUpdate(newBlock, newInfo, disconnected, branch, before, tip.state());
        TaskRecords.writeTasks(update, current.tip().state(), tip.state());
        ChainHead head = new ChainHead(
                tip, new ChainSummary(newInfo.height(), newInfo.score(), newInfo.cumulativeScore(), newInfo.hash()));
        return new Outcome.Switched(update, head, List.copyOf(disconnected), List.copyOf(branch));
    }

    /** Undoes canonical blocks from the tip down to the fork point; fills {@code disconnected} tip first. */
    private WorldState undoToForkPoint(List<Block> disconnected) {
        TreeMap<Address, Account> accounts = new TreeMap<>();
        current.tip().state().forEach(accounts::put);
        TreeMap<Long, TaskState> tasks = new TreeMap<>();
        current.tip().state().tasks().all().forEach(t -> tasks.put(t.id(), t));
        long nextTaskId = current.tip().state().tasks().nextId();
        for (long h = current.height().value(); h > forkPoint.height().value(); h--) {
            Height height = Height.of(h);
            Hash hash = store.canonicalHash(height)
                    .orElseThrow(() -> new StoreCorruptedException(
                            store.location(), "the canonical index has no block at height " + height));
            disconnected.add(loader.block(hash));
            UndoRecord undo = store.undo(hash)
                    .orElseThrow(() -> new StoreCorruptedException(
                            store.location(), "the undo record of block " + hash.toHex() + " is missing"));
            for (UndoRecord.Change change : undo.changes().reversed()) {
                Address address = AccountRecords.address(change.key());
                if (change.before().isPresent()) {
                    accounts.put(address, AccountRecords.decode(change.before().get()));
                } else {
                    accounts.remove(address);
                }
            }
            nextTaskId = TaskRecords.undo(tasks, undo, nextTaskId);
        }
        return WorldState.of(accounts)
                .withTasks(TaskRecords.book(tasks, nextTaskId))
                .withLifelong(LifelongSnapshots.load(store, forkPoint.hash()));
    }

    private ChainUpdate buildUpdate(
            Block newBlock,
            BlockInfo newInfo,
            List<Block> disconnected,
            List<Block> connected,
            List<WorldState> before,
            WorldState finalState) {
        ChainUpdate update = new ChainUpdate();
        BlockWrites.storeBlock(update, newBlock, newInfo);
        Set<Address> touched = new TreeSet<>();
        for (Block b : disconnected) {
            BlockWrites.disconnect(update, b);
            touched.addAll(BlockWrites.touched(b));
        }
        for (long h = current.height().value(); h > newInfo.height().value(); h--) {
            update.removeCanonical(Height.of(h));
        }
        for (int i = 0; i < connected.size(); i++) {
            WorldState after = i + 1 < connected.size() ? before.get(i + 1) : finalState;
            BlockWrites.connect(update, connected.get(i), before.get(i), after);
            touched.addAll(BlockWrites.touched(connected.get(i), before.get(i)));
        }
        // payouts a disconnected block released or refuted are held again (or released anew) here
        touched.addAll(BlockWrites.taskAccounts(finalState));
        BlockWrites.writeAccounts(update, touched, finalState);
        update.setTip(newInfo.hash(), newInfo.height());
        return update;
    }
}
