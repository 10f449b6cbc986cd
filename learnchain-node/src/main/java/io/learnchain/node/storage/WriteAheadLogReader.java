package io.learnchain.node.storage;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads the write batches of a RocksDB write-ahead log file without RocksDB, for salvage: the file
 * is a run of 32 KiB blocks of records (masked CRC32C, 16-bit length, type, [log number], payload);
 * a write batch is one full record or a first, middles and a last. A record whose checksum or frame
 * is wrong is reported, and reading goes on at the next block, so batches after a damaged spot are
 * still found (the salvage checks every block it keeps by its hash).
 */
final class WriteAheadLogReader {
    static final int BLOCK_SIZE = 32 * 1024;
    private static final int HEADER = 7;
    private static final int RECYCLABLE_HEADER = 11;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;
    private static final int RECYCLABLE_FULL = 5;
    private static final int RECYCLABLE_LAST = 8;
    private static final int MASK_DELTA = 0xa282ead8;

    /** What reading a log found: the damaged spots (byte offsets and why); empty for a sound file. */
    record Report(List<String> damage, int batches) {}

    private WriteAheadLogReader() {}

    static Report read(byte[] file, Consumer<byte[]> batches) {
        List<String> damage = new ArrayList<>();
        ByteArrayOutputStream fragments = null;
        int found = 0;
        int pos = 0;
        while (pos < file.length) {
            int leftInBlock = BLOCK_SIZE - pos % BLOCK_SIZE;
            if (leftInBlock < HEADER) {
                pos += leftInBlock; // the block's trailer: zero padding
                continue;
            }
            int length = file.length - pos < HEADER ? 0 : (file[pos + 4] & 0xff) | (file[pos + 5] & 0xff) << 8;
            int type = file.length - pos < HEADER ? 0 : file[pos + 6] & 0xff;
            boolean recyclable = type >= RECYCLABLE_FULL && type <= RECYCLABLE_LAST;
            int header = recyclable ? RECYCLABLE_HEADER : HEADER;
            int end = pos + header + length;
            if (file.length - pos < HEADER || type == 0 && length == 0 || end > file.length) {
                // The file seems to end here: a write the crash cut short (never acknowledged), or space
                // never written. That holds only if no sound record follows: a damaged length or type
                // inside the log must not pass for its end (RocksDB's tail tolerance would take it so).
                int next = nextSoundRecord(file, pos + 1, file.length);
                if (next >= file.length) {
                    break;
                }
                damage.add("bytes " + pos + " to " + next + " (a record that claims to end the log, with sound"
                        + " records after it)");
                fragments = null;
                pos = next;
                continue;
            }
            if (header + length > leftInBlock || !checksumMatches(file, pos, header, length)) {
                int next = nextSoundRecord(file, pos + 1, Math.min(file.length, (pos / BLOCK_SIZE + 1) * BLOCK_SIZE));
                damage.add("bytes " + pos + " to " + next + " ("
                        + (header + length > leftInBlock
                                ? "a record whose length runs past its block"
                                : "a record whose checksum does not match")
                        + ")");
                fragments = null;
                pos = next;
                continue;
            }
            int kind = recyclable ? type - RECYCLABLE_FULL + FULL : type;
            switch (kind) {
                case FULL -> {
                    batches.accept(Arrays.copyOfRange(file, pos + header, end));
                    found++;
                    fragments = null;
                }
                case FIRST -> {
                    fragments = new ByteArrayOutputStream();
                    fragments.write(file, pos + header, length);
                }
                case MIDDLE, LAST -> {
                    if (fragments == null) {
                        damage.add("a record part at byte " + pos + " whose first part is lost");
                    } else {
                        fragments.write(file, pos + header, length);
                        if (kind == LAST) {
                            batches.accept(fragments.toByteArray());
                            found++;
                            fragments = null;
                        }
                    }
                }
                default -> {} // compression and timestamp-size records carry no user data
            }
            pos = end;
        }
        return new Report(List.copyOf(damage), found);
    }

    /**
     * Where reading goes on after a damaged record: the first offset in [{@code from}, {@code limit})
     * where a record's header and checksum hold, within its block (a 32-bit checksum makes a false
     * match unlikely, and every block the salvage keeps is checked by its hash anyway); {@code limit}
     * when there is none.
     */
    private static int nextSoundRecord(byte[] file, int from, int limit) {
        for (int p = from; p + HEADER <= limit; p++) {
            int leftInBlock = BLOCK_SIZE - p % BLOCK_SIZE;
            int length = (file[p + 4] & 0xff) | (file[p + 5] & 0xff) << 8;
            int type = file[p + 6] & 0xff;
            int header = type >= RECYCLABLE_FULL && type <= RECYCLABLE_LAST ? RECYCLABLE_HEADER : HEADER;
            if (type >= FULL
                    && type <= RECYCLABLE_LAST
                    && header + length <= leftInBlock
                    && p + header + length <= limit
                    && checksumMatches(file, p, header, length)) {
                return p;
            }
        }
        return limit;
    }

    /** RocksDB's checksum: CRC32C over the type byte, the log number if any and the payload, masked. */
    private static boolean checksumMatches(byte[] file, int pos, int header, int length) {
        int stored = (file[pos] & 0xff)
                | (file[pos + 1] & 0xff) << 8
                | (file[pos + 2] & 0xff) << 16
                | (file[pos + 3] & 0xff) << 24;
        CRC32C crc = new CRC32C();
        crc.update(file, pos + 6, header - 6 + length);
        int c = (int) crc.getValue();
        int masked = ((c >>> 15) | (c << 17)) + MASK_DELTA;
        return masked == stored;
    }
}
