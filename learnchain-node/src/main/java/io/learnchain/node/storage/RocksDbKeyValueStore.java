package io.learnchain.node.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB behind {@link KeyValueStore}: one column family per {@link Column}; every write set is
 * one {@link WriteBatch} written with {@code sync=true}, so what {@link #write} returned from
 * survives a crash or a power cut.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
    static {
        RocksDB.loadLibrary();
    }

    private final Path path;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Column, ColumnFamilyHandle> byColumn = new EnumMap<>(Column.class);
    private final WriteOptions syncWrites;
    /** Readers and writers share it; {@link #close} takes it exclusively, so no call runs on a freed handle. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    private RocksDbKeyValueStore(
            Path path,
            DBOptions dbOptions,
            ColumnFamilyOptions cfOptions,
            RocksDB db,
            List<ColumnFamilyHandle> handles) {
        this.path = path;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.db = db;
        this.handles = handles;
        for (Column column : Column.values()) {
            byColumn.put(column, handles.get(column.ordinal() + 1));
        }
        this.syncWrites = new WriteOptions().setSync(true);
    }

    /** Opens (creating if needed) the database at {@code path}. */
    public static RocksDbKeyValueStore open(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new StorageException(
                    "cannot create the chain database directory " + path + ": " + e.getMessage()
                            + ". Check that the data directory is writable.",
                    e);
        }
        boolean existed = Files.exists(path.resolve("CURRENT"));
        if (!existed && hasDatabaseFiles(path)) {
            throw new StoreCorruptedException(path.toString(), "its CURRENT file is missing but data files remain");
        }
        if (existed) {
            String logDamage = damagedLogs(path);
            if (!logDamage.isEmpty()) {
                throw logDamaged(path, logDamage);
            }
        }
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                // Every write is synced before it is acknowledged, so a damaged record inside the log is
                // acknowledged data: refuse to open rather than drop it and what follows (RocksDB's default,
                // point-in-time recovery, would). Only a record cut short at the end, a write the crash
                // interrupted before it was acknowledged, is let go.
                .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
                .setKeepLogFileNum(3);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (Column column : Column.values()) {
            descriptors.add(new ColumnFamilyDescriptor(column.familyName().getBytes(), cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(dbOptions, path.toString(), descriptors, handles);
            return new RocksDbKeyValueStore(path, dbOptions, cfOptions, db, handles);
        } catch (RocksDBException e) {
            dbOptions.close();
            cfOptions.close();
            throw translateOpen(path, existed, e);
        }
    }

    private static boolean hasDatabaseFiles(Path path) {
        try (var files = Files.list(path)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.startsWith("MANIFEST-") || n.endsWith(".sst") || n.endsWith(".log"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads every table file of the database through and checks its checksums, so damage at rest is
     * found when the node starts, not when a read happens to reach it.
     *
     * @throws StoreCorruptedException naming the damaged file
     */
    public void verifyChecksums() {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            db.verifyChecksum();
        } catch (RocksDBException e) {
            throw translate(path, "verify", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static StorageException translateOpen(Path path, boolean existed, RocksDBException e) {
        // the write-ahead logs were read before the open (a damaged one never gets here)
        StorageException translated = translate(path, "open", e);
        if (existed && !(translated instanceof StoreCorruptedException) && !isLockError(e)) {
            return new StoreCorruptedException(path.toString(), "RocksDB cannot open it: " + e.getMessage(), e);
        }
        return translated;
    }

    private static StoreCorruptedException logDamaged(Path path, String damage) {
        return new StoreCorruptedException(
                path.toString(),
                "its write-ahead log, which holds the latest acknowledged writes, is damaged (" + damage + ")");
    }

    /** The damaged spots of the database's write-ahead logs, "" when they read cleanly. */
    private static String damagedLogs(Path path) {
        List<String> found = new ArrayList<>();
        try (var files = Files.list(path)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList()) {
                WriteAheadLogReader.read(Files.readAllBytes(log), batch -> {})
                        .damage()
                        .forEach(d -> found.add(log.getFileName() + " " + d));
            }
        } catch (IOException e) {
            return "";
        }
        return String.join("; ", found);
    }

    private static boolean isLockError(RocksDBException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("lock");
    }

    static StorageException translate(Path path, String what, RocksDBException e) {
        Status status = e.getStatus();
        Status.Code code = status == null ? null : status.getCode();
        if (code == Status.Code.Corruption || code == Status.Code.InvalidArgument && what.equals("open")) {
            return new StoreCorruptedException(path.toString(), "RocksDB reports " + e.getMessage(), e);
        }
        if (code == Status.Code.IOError && isLockError(e)) {
            return new StorageException(
                    "chain database " + path + " is in use by another process (" + e.getMessage()
                            + "). Stop the other learnchain node or choose another --datadir.",
                    e);
        }
        return new StorageException("chain database " + path + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public Optional<byte[]> get(Column column, byte[] key) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return Optional.ofNullable(db.get(byColumn.get(column), key));
        } catch (RocksDBException e) {
            throw translate(path, "read", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void write(WriteSet writes) {
        lifecycle.readLock().lock();
        try (WriteBatch batch = new WriteBatch()) {
            checkOpen();
            for (WriteSet.Op op : writes.ops()) {
                ColumnFamilyHandle handle = byColumn.get(op.column());
                switch (op) {
                    case WriteSet.Put put -> batch.put(handle, put.key(), put.value());
                    case WriteSet.Delete delete -> batch.delete(handle, delete.key());
                }
            }
            db.write(syncWrites, batch);
        } catch (RocksDBException e) {
            throw translate(path, "write", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void scan(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        lifecycle.readLock().lock();
        checkOpenOrUnlock();
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = db.newIterator(byColumn.get(column), options)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!InMemoryKeyValueStore.startsWith(key, prefix)) {
                    break;
                }
                visitor.accept(key, it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw translate(path, "scan", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void checkOpenOrUnlock() {
        if (closed) {
            lifecycle.readLock().unlock();
            checkOpen();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("chain database " + path + " is closed");
        }
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                db.syncWal();
            } catch (RocksDBException e) {
                // Every batch was already written with sync=true; nothing is lost.
            }
            syncWrites.close();
            for (ColumnFamilyHandle handle : handles) {
                handle.close();
            }
            db.close();
            dbOptions.close();
            cfOptions.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
