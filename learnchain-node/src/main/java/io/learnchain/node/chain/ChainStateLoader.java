package io.learnchain.node.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.LifelongBook;
import io.learnchain.chain.state.TaskBook;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.node.storage.BlockInfo;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.StoreCorruptedException;
import io.learnchain.node.storage.TipRecord;
import java.util.TreeMap;

/**
 * Reads the chain store into memory at start-up (writing genesis into an empty store first) and
 * decodes stored blocks. Damage found here is a {@link StoreCorruptedException}: the stored state
 * must hash to the tip's state root, or the node does not start.
 */
final class ChainStateLoader {
    private final Genesis genesis;
    private final ChainStore store;

    ChainStateLoader(Genesis genesis, ChainStore store) {
        this.genesis = genesis;
        this.store = store;
    }

    static BlockInfo genesisInfo(Genesis genesis) {
        return new BlockInfo(genesis.chainId(), Hash.ZERO, Height.GENESIS, genesis.timestamp(), 0, 0);
    }

    /** Writes genesis (block record, canonical slot 0, premined accounts, tip) in one batch if the store is empty. */
    void initialiseIfEmpty() {
        if (store.tip().isPresent()) {
            return;
        }
        Hash id = genesis.chainId();
        ChainUpdate update = new ChainUpdate()
                .storeBlock(genesisInfo(genesis), genesis.canonicalBytes())
                .setCanonical(Height.GENESIS, id)
                .setTip(id, Height.GENESIS);
        WorldState state = genesis.initialState();
        state.forEach(
                (address, account) -> update.putAccount(AccountRecords.key(address), AccountRecords.encode(account)));
        TaskRecords.writeTasks(update, WorldState.empty(), state);
        store.commit(update);
    }

    ChainHead loadHead() {
        TipRecord tipRecord = store.tip().orElseThrow(() -> corrupted("it has no tip record"));
        WorldState state = loadState();
        BlockInfo info = store.blockInfo(tipRecord.hash()).orElseThrow(() -> corrupted("the tip block is missing"));
        ChainTip tip;
        if (tipRecord.height().isGenesis()) {
            tip = ChainTip.genesis(genesis);
            if (!state.root().equals(tip.state().root())) {
                throw corrupted("its genesis state has root " + state.root().toHex() + ", the genesis gives "
                        + tip.state().root().toHex());
            }
        } else {
            BlockHeader header = block(tipRecord.hash()).header();
            if (!state.root().equals(header.stateRoot())) {
                throw corrupted("its stored state (accounts and tasks) has root "
                        + state.root().toHex() + " but tip block "
                        + tipRecord.hash().toHex() + " says "
                        + header.stateRoot().toHex());
            }
            long parentTimestamp = store.blockInfo(header.previous())
                    .map(BlockInfo::timestampSeconds)
                    .orElseThrow(() -> corrupted("the parent of the tip block is missing"));
            tip = tipOf(header, parentTimestamp, state);
        }
        return new ChainHead(tip, new ChainSummary(info.height(), info.score(), info.cumulativeScore(), info.hash()));
    }

    /** The whole tip state from the store. */
    WorldState loadState() {
        TreeMap<Address, Account> accounts = new TreeMap<>();
        store.forEachAccount((key, value) -> {
            try {
                accounts.put(AccountRecords.address(key), AccountRecords.decode(value));
            } catch (CodecException | IllegalArgumentException e) {
                throw corrupted(
                        "the account record under key " + key.toHex() + " is unreadable (" + e.getMessage() + ")");
            }
        });
        return WorldState.of(accounts)
                .withTasks(loadTasks())
                .withLifelong(store.tip()
                        .map(t -> LifelongSnapshots.load(store, t.hash()))
                        .orElse(LifelongBook.EMPTY));
    }

    private TaskBook loadTasks() {
        TreeMap<Long, TaskState> tasks = new TreeMap<>();
        store.forEachTask((id, value) -> {
            try {
                TaskState task = TaskRecords.decode(value);
                if (task.id() != id) {
                    throw corrupted("the task record under id " + id + " holds task " + task.id());
                }
                tasks.put(id, task);
            } catch (CodecException | IllegalArgumentException e) {
                throw corrupted("the task record under id " + id + " is unreadable (" + e.getMessage() + ")");
            }
        });
        long nextId = store.taskNextId().orElse(1L);
        try {
            return TaskRecords.book(tasks, nextId);
        } catch (IllegalArgumentException e) {
            throw corrupted("its task records do not form a task book (" + e.getMessage() + ")");
        }
    }

    /** A stored non-genesis block, decoded. */
    Block block(Hash hash) {
        byte[] bytes = store.block(hash).orElseThrow(() -> corrupted("block " + hash.toHex() + " is missing"));
        try {
            return BlockCodec.BLOCK.decode(bytes);
        } catch (CodecException e) {
            throw corrupted("block " + hash.toHex() + " is unreadable (" + e.getMessage() + ")");
        }
    }

    /**
     * The validation tip of stored block {@code info} with {@code state} (computed by the caller),
     * after checking that the state hashes to the block's state root.
     */
    ChainTip tipAt(BlockInfo info, WorldState state) {
        if (info.height().isGenesis()) {
            ChainTip tip = ChainTip.genesis(genesis);
            if (!state.root().equals(tip.state().root())) {
                throw corrupted(
                        "undoing to genesis gives state root " + state.root().toHex() + ", the genesis gives "
                                + tip.state().root().toHex());
            }
            return tip;
        }
        BlockHeader header = block(info.hash()).header();
        if (!state.root().equals(header.stateRoot())) {
            throw corrupted("undoing to block " + info.hash().toHex() + " gives state root "
                    + state.root().toHex() + ", the block says "
                    + header.stateRoot().toHex());
        }
        long parentTimestamp = store.blockInfo(header.previous())
                .map(BlockInfo::timestampSeconds)
                .orElseThrow(
                        () -> corrupted("the parent of block " + info.hash().toHex() + " is missing"));
        return tipOf(header, parentTimestamp, state);
    }

    ChainTip tipOf(BlockHeader header, long parentTimestamp, WorldState state) {
        return ChainTip.of(header, idleDifficulty(header), parentTimestamp, state);
    }

    /**
     * The idle difficulty a tip carries: its own for an idle or forfeit block; a pole block did no
     * hash work and keeps the nearest idle ancestor's (the genesis difficulty if there is none), as
     * {@link ChainTip#child} does.
     */
    private long idleDifficulty(BlockHeader header) {
        BlockHeader h = header;
        while (true) {
            switch (h.proof()) {
                case IdleProof p -> {
                    return p.difficulty();
                }
                case ForfeitProof p -> {
                    return p.difficulty();
                }
                case PoleProof p -> {
                    if (h.height().value() <= 1) {
                        return genesis.initialDifficulty();
                    }
                    h = block(h.previous()).header();
                }
                case DqnProof p -> {
                    return genesis.initialDifficulty(); // a dqn chain holds only dqn blocks: no hash work at all
                }
            }
        }
    }

    private StoreCorruptedException corrupted(String problem) {
        return new StoreCorruptedException(store.location(), problem);
    }
}
