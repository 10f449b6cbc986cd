package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.node.storage.BlockInfo;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.Column;
import io.learnchain.node.storage.DamagedStoreReader;
import io.learnchain.node.storage.RocksDbChainStore;
import io.learnchain.node.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * `learnchain chain reindex` on a database RocksDB cannot open or read through (a damaged MANIFEST,
 * CURRENT, table file or write-ahead log): builds a new database from every block that can still be
 * read out of the damaged files, each checked against the hash it is stored under and kept only when
 * its parents lead back to genesis, keeps the damaged database beside the new one, and says what could
 * not be read. The reindex then re-executes the saved blocks as it does any stored chain. The new
 * database is built under {@code chain.salvage} and swapped in only when complete, so an interrupted
 * salvage leaves the damaged database where it was and starts over when run again.
 */
public final class ChainSalvage {
    private static final int BLOCKS_PER_BATCH = 512;

    /**
     * What the salvage saved: the genesis it used, where the damaged database now lies, what reading
     * it found, the blocks stored in the new database, those left out because a parent could not be
     * read, and the highest height saved and seen.
     */
    public record Result(
            Genesis genesis,
            Path keptAt,
            DamagedStoreReader.Report read,
            long blocksSaved,
            long blocksWithoutParent,
            long highestSaved,
            long highestSeen) {}

    private ChainSalvage() {}

    /**
     * Salvages the chain database under {@code dataDir}; {@code known} is the chain's genesis when the
     * caller has it (else the genesis record is looked for among the readable records).
     *
     * @throws StorageException when no genesis can be found, or the files cannot be moved
     */
    public static Result salvage(Path dataDir, Optional<Genesis> known) {
        Path damaged = dataDir.resolve("chain");
        Path building = dataDir.resolve("chain.salvage");
        deleteTree(building);
        Map<Hash, Block> blocks = new HashMap<>();
        Map<Hash, byte[]> bytesOf = new HashMap<>();
        List<Genesis> genesisRecords = new ArrayList<>();
        DamagedStoreReader.Report read = DamagedStoreReader.readColumn(damaged, Column.BLOCKS, (key, value) -> {
            if (key.length != Hash.LENGTH || bytesOf.containsKey(Hash.of(key))) {
                return;
            }
            Hash hash = Hash.of(key);
            decodeBlock(value)
                    .filter(b -> b.hash().equals(hash))
                    .ifPresentOrElse(
                            block -> {
                                blocks.put(hash, block);
                                bytesOf.put(hash, value);
                            },
                            () -> decodeGenesis(value)
                                    .filter(g -> g.chainId().equals(hash))
                                    .ifPresent(genesisRecords::add));
        });
        Genesis genesis = chooseGenesis(damaged, known, genesisRecords);
        blocks.remove(genesis.chainId());

        long saved = 0;
        long withoutParent = 0;
        long highestSaved = 0;
        long highestSeen = 0;
        try (ChainStore store = RocksDbChainStore.open(building, genesis.chainId())) {
            new ChainStateLoader(genesis, store).initialiseIfEmpty();
            Map<Hash, BlockInfo> infos = new HashMap<>();
            infos.put(genesis.chainId(), ChainStateLoader.genesisInfo(genesis));
            List<Block> byHeight = new ArrayList<>(blocks.values());
            byHeight.sort(
                    Comparator.comparingLong((Block b) -> b.header().height().value())
                            .thenComparing(Block::hash));
            ChainUpdate update = new ChainUpdate();
            int inBatch = 0;
            for (Block block : byHeight) {
                long height = block.header().height().value();
                highestSeen = Math.max(highestSeen, height);
                BlockInfo parent = infos.get(block.header().previous());
                if (parent == null || parent.height().value() + 1 != height) {
                    withoutParent++;
                    continue;
                }
                BlockInfo info = BlockWrites.info(block, parent);
                infos.put(block.hash(), info);
                update.storeBlock(info, bytesOf.get(block.hash()));
                saved++;
                highestSaved = Math.max(highestSaved, height);
                if (++inBatch == BLOCKS_PER_BATCH) {
                    store.commit(update);
                    update = new ChainUpdate();
                    inBatch = 0;
                }
            }
            store.commit(update);
        }
        Path keptAt = freeName(dataDir);
        try {
            Files.move(damaged, keptAt);
            Files.move(building, damaged);
        } catch (IOException e) {
            throw new StorageException(
                    "cannot swap the salvaged database in (" + e.getMessage() + "): the damaged"
                            + " one is at " + (Files.exists(keptAt) ? keptAt : damaged) + ", the salvaged one at "
                            + building
                            + "; move them by hand (the salvaged one to " + damaged
                            + ") and run `learnchain chain reindex`",
                    e);
        }
        return new Result(genesis, keptAt, read, saved, withoutParent, highestSaved, highestSeen);
    }

    private static Genesis chooseGenesis(Path damaged, Optional<Genesis> known, List<Genesis> found) {
        if (known.isPresent()) {
            return known.get();
        }
        if (found.isEmpty()) {
            throw new StorageException("the genesis record of " + damaged + " cannot be read: run `learnchain chain"
                    + " reindex --genesis FILE` with this chain's genesis file");
        }
        return found.get(0);
    }

    private static Optional<Block> decodeBlock(byte[] bytes) {
        try {
            return Optional.of(BlockCodec.BLOCK.decode(bytes));
        } catch (CodecException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Genesis> decodeGenesis(byte[] bytes) {
        try {
            return Optional.of(GenesisCodec.INSTANCE.decode(bytes));
        } catch (CodecException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path freeName(Path dataDir) {
        Path name = dataDir.resolve("chain.damaged");
        for (int i = 2; Files.exists(name); i++) {
            name = dataDir.resolve("chain.damaged-" + i);
        }
        return name;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StorageException(
                    "cannot remove the unfinished salvage " + dir + " (" + e.getMessage()
                            + "); remove it by hand and run `learnchain chain reindex` again",
                    e);
        }
    }
}
