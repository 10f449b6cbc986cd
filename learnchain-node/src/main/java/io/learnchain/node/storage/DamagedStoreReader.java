package io.learnchain.node.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.rocksdb.TableProperties;
import org.rocksdb.WriteBatch;

/**
 * Reads the records of one column out of a RocksDB directory that RocksDB cannot open or read
 * through (a damaged MANIFEST, CURRENT, table file or write-ahead log), straight from its files:
 * every table file ({@code *.sst}) on its own, and every write-ahead log ({@code *.log}) record by
 * record. What cannot be read is named in the report, never skipped in silence. A record may be
 * visited more than once (an older version, or a scan retried around a damaged spot); callers
 * that keep content-addressed records (blocks under their hash) check each one themselves.
 */
public final class DamagedStoreReader {
    /** Files read, records visited, and every part that could not be read (file: what). */
    public record Report(int tableFiles, int logFiles, long records, List<String> damage) {}

    private final Path dir;
    private final Column column;
    private final BiConsumer<byte[], byte[]> visitor;
    private final List<String> damage = new ArrayList<>();
    private long records;
    private long columnId;

    private DamagedStoreReader(Path dir, Column column, BiConsumer<byte[], byte[]> visitor) {
        this.dir = dir;
        this.column = column;
        this.visitor = visitor;
        // Every column family is created at the first open, in Column order after "default"; a table
        // file of the column, when one is readable, says its id for certain.
        this.columnId = column.ordinal() + 1L;
    }

    /** Visits every readable record of {@code column} in the database files under {@code dir}. */
    public static Report readColumn(Path dir, Column column, BiConsumer<byte[], byte[]> visitor) {
        RocksDB.loadLibrary();
        DamagedStoreReader reader = new DamagedStoreReader(dir, column, visitor);
        List<Path> tables = reader.files(".sst");
        List<Path> logs = reader.files(".log");
        tables.forEach(reader::readTable);
        logs.forEach(reader::readLog);
        return new Report(tables.size(), logs.size(), reader.records, List.copyOf(reader.damage));
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("cannot list the database directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private void readTable(Path file) {
        try (Options options = new Options();
                SstFileReader reader = new SstFileReader(options)) {
            reader.open(file.toString());
            TableProperties properties = reader.getTableProperties();
            String family = new String(properties.getColumnFamilyName(), StandardCharsets.UTF_8);
            if (!family.equals(column.familyName())) {
                return;
            }
            columnId = properties.getColumnFamilyId();
            if (!scan(reader, new byte[0])) {
                List<Integer> lost = new ArrayList<>();
                for (int b = 0; b < 256; b++) {
                    scanAround(reader, new byte[] {(byte) b}, lost);
                }
                damage.add(file.getFileName() + ": " + describe(lost) + " (damaged blocks)");
            }
        } catch (RocksDBException e) {
            damage.add(file.getFileName() + ": unreadable (" + e.getMessage() + ")");
        }
    }

    /**
     * A scan that failed on a damaged block is retried under 256 narrower prefixes, twice, to read
     * around it; {@code lost} gets the two-byte key prefixes that stay unreadable.
     */
    private void scanAround(SstFileReader reader, byte[] prefix, List<Integer> lost) {
        if (scan(reader, prefix)) {
            return;
        }
        if (prefix.length >= 2) {
            lost.add((prefix[0] & 0xff) << 8 | (prefix[1] & 0xff));
            return;
        }
        for (int b = 0; b < 256; b++) {
            scanAround(reader, new byte[] {prefix[0], (byte) b}, lost);
        }
    }

    /** The unreadable two-byte key prefixes as ranges: "the records whose keys start 0a00 to 0bff, ...". */
    static String describe(List<Integer> prefixes) {
        StringBuilder out = new StringBuilder("the records whose keys start ");
        int i = 0;
        while (i < prefixes.size()) {
            int first = prefixes.get(i);
            int last = first;
            while (i + 1 < prefixes.size() && prefixes.get(i + 1) == last + 1) {
                last = prefixes.get(++i);
            }
            i++;
            out.append(out.charAt(out.length() - 1) == ' ' ? "" : ", ")
                    .append(String.format("%04x", first))
                    .append(first == last ? "" : String.format(" to %04x", last));
        }
        return out.toString();
    }

    private boolean scan(SstFileReader reader, byte[] prefix) {
        try (ReadOptions options = new ReadOptions().setVerifyChecksums(true);
                SstFileReaderIterator it = reader.newIterator(options)) {
            if (prefix.length == 0) {
                it.seekToFirst();
            } else {
                it.seek(prefix);
            }
            for (; it.isValid() && InMemoryKeyValueStore.startsWith(it.key(), prefix); it.next()) {
                records++;
                visitor.accept(it.key(), it.value());
            }
            it.status();
            return true;
        } catch (RocksDBException e) {
            return false;
        }
    }

    private void readLog(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            damage.add(file.getFileName() + ": unreadable (" + e.getMessage() + ")");
            return;
        }
        WriteAheadLogReader.Report report = WriteAheadLogReader.read(bytes, this::readBatch);
        report.damage().forEach(d -> damage.add(file.getFileName() + ": " + d));
    }

    private void readBatch(byte[] rep) {
        try (WriteBatch batch = new WriteBatch(rep);
                ColumnPuts puts = new ColumnPuts()) {
            batch.iterate(puts);
        } catch (RocksDBException e) {
            damage.add("a write batch that does not decode (" + e.getMessage() + ")");
        }
    }

    /** The puts of a write batch into the column; everything else a batch can hold is passed over. */
    private final class ColumnPuts extends WriteBatch.Handler {
        @Override
        public void put(int columnFamilyId, byte[] key, byte[] value) {
            if (columnFamilyId == columnId) {
                records++;
                visitor.accept(key, value);
            }
        }

        @Override
        public void put(byte[] key, byte[] value) {}

        @Override
        public void merge(int columnFamilyId, byte[] key, byte[] value) {}

        @Override
        public void merge(byte[] key, byte[] value) {}

        @Override
        public void delete(int columnFamilyId, byte[] key) {}

        @Override
        public void delete(byte[] key) {}

        @Override
        public void singleDelete(int columnFamilyId, byte[] key) {}

        @Override
        public void singleDelete(byte[] key) {}

        @Override
        public void deleteRange(int columnFamilyId, byte[] beginKey, byte[] endKey) {}

        @Override
        public void deleteRange(byte[] beginKey, byte[] endKey) {}

        @Override
        public void logData(byte[] blob) {}

        @Override
        public void putBlobIndex(int columnFamilyId, byte[] key, byte[] value) {}

        @Override
        public void markBeginPrepare() {}

        @Override
        public void markEndPrepare(byte[] xid) {}

        @Override
        public void markNoop(boolean emptyBatch) {}

        @Override
        public void markRollback(byte[] xid) {}

        @Override
        public void markCommit(byte[] xid) {}

        @Override
        public void markCommitWithTimestamp(byte[] xid, byte[] ts) {}
    }
}
