package io.learnchain.node.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
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
import io.learnchain.node.storage.BlockInfo;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.TxLocation;
import io.learnchain.node.storage.UndoRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Turns chain changes into {@link ChainUpdate} writes; pure, so one batch holds a whole change. */
final class BlockWrites {
    private BlockWrites() {}

    /** The block's own score for fork choice: its verified correct count, 0 for idle (hash work) blocks. */
    static long score(BlockHeader header) {
        return ForkChoice.score(header);
    }

    static BlockInfo info(Block block, BlockInfo parent) {
        long score = score(block.header());
        return new BlockInfo(
                block.hash(),
                parent.hash(),
                block.header().height(),
                block.header().timestamp(),
                score,
                Math.addExact(parent.cumulativeScore(), score));
    }

    /** Every account a block can change, in address order. */
    static SortedSet<Address> touched(Block block) {
        SortedSet<Address> out = new TreeSet<>();
        out.add(block.header().minerAddress()); // the engine may pay the miner outside the coinbase
        for (Transaction tx : block.transactions()) {
            switch (tx) {
                case Coinbase c -> out.add(c.recipient());
                case SignedTransaction s -> {
                    out.add(s.body().senderAddress());
                    switch (s.body().payload()) {
                        case Transfer t -> out.add(t.to());
                        case PostTask t -> {}
                        case CancelTask t -> {}
                        case RevealShard t -> {}
                        case WorkFraud t -> {}
                        case DeployModel t -> {}
                        case RevealParts t -> {}
                        case ProposeUpdate t -> {}
                        case Challenge t -> {}
                        case GrowModel t -> {}
                    }
                }
            }
        }
        return out;
    }

    /**
     * The accounts the task book can change outside a block's own transactions: the requester of
     * every task that can still pay out (an open one: a refund when it closes after forfeits; one
     * holding payouts: a refuted payout's reward) and every held payout's recipient (credited when
     * its fraud window ends). Read from the state a block
     * applies to, and added to {@link #touched}: writing an unchanged account is harmless, missing
     * a changed one would leave the store behind the state.
     */
    static SortedSet<Address> taskAccounts(WorldState state) {
        SortedSet<Address> out = new TreeSet<>();
        for (TaskState t : state.tasks().all()) {
            if (t.isOpen() || !t.held().isEmpty()) {
                out.add(t.requester());
                t.held().forEach(e -> out.add(e.recipient()));
            }
        }
        return out;
    }

    /** {@link #touched} and the {@link #taskAccounts} of the state the block applies to. */
    static SortedSet<Address> touched(Block block, WorldState before) {
        SortedSet<Address> out = touched(block);
        out.addAll(taskAccounts(before));
        return out;
    }

    static void storeBlock(ChainUpdate update, Block block, BlockInfo info) {
        update.storeBlock(info, BlockCodec.BLOCK.encode(block));
    }

    /**
     * Makes {@code block} canonical at its height: index, transactions, undo record (accounts and
     * tasks as they were in {@code before}, the state it was applied to; {@code after} is its result).
     */
    static void connect(ChainUpdate update, Block block, WorldState before, WorldState after) {
        Hash hash = block.hash();
        update.setCanonical(block.header().height(), hash);
        List<Transaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            update.indexTransaction(
                    txs.get(i).hash(), new TxLocation(hash, block.header().height(), i));
        }
        List<UndoRecord.Change> changes = new ArrayList<>();
        for (Address a : touched(block, before)) {
            Optional<Bytes> prior =
                    before.contains(a) ? Optional.of(AccountRecords.encode(before.account(a))) : Optional.empty();
            changes.add(new UndoRecord.Change(AccountRecords.key(a), prior));
        }
        update.putUndo(hash, TaskRecords.withTaskUndo(changes, before, after));
        LifelongSnapshots.write(update, hash, after);
    }

    /** Removes {@code block}'s transactions from the index (its canonical slot is overwritten or removed by the caller). */
    static void disconnect(ChainUpdate update, Block block) {
        for (Transaction tx : block.transactions()) {
            update.unindexTransaction(tx.hash());
        }
    }

    /** Writes the accounts a block touched and the task book as they are in {@code after} (the store held {@code before}). */
    static void writeState(ChainUpdate update, Block block, WorldState before, WorldState after) {
        writeAccounts(update, touched(block, before), after);
        TaskRecords.writeTasks(update, before, after);
    }

    /** Writes the accounts at {@code addresses} as they are in {@code state} (deleting those it lacks). */
    static void writeAccounts(ChainUpdate update, Collection<Address> addresses, WorldState state) {
        for (Address a : addresses) {
            if (state.contains(a)) {
                update.putAccount(AccountRecords.key(a), AccountRecords.encode(state.account(a)));
            } else {
                update.deleteAccount(AccountRecords.key(a));
            }
        }
    }
}
