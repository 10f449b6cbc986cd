package io.learnchain.node.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data node's own record of its tasks, kept in {@code <datadir>/requester/tasks.jsonl}: one
 * JSON line per task posted (transaction, model, data set, training set and shard hashes), per
 * shard revealed and per round winner scored on its task's whole test set. The chain says which
 * round is due and the blob store holds the shards, so a restarted node reveals the next round by
 * itself; the journal keeps what the chain does not (which data set and model name a task came
 * from, when each reveal went out, how each delivered model did on the test set) and ties a task id
 * back to this node. Appends are flushed and forced to disk; a torn last line (a crash mid-append) is skipped.
 */
public final class RequesterJournal {
    /** A task this node posted; {@code shardHashes} identify it on the chain. */
    public record Posted(
            String type,
            String tx,
            String model,
            String dataset,
            String origin,
            String trainingSet,
            List<String> shardHashes,
            int testSamples,
            long timeMillis) {}

    /** A shard this node revealed, for the round on {@code parent}. */
    public record Revealed(String type, long taskId, int shardIndex, String parent, long timeMillis) {}

    /**
     * The delivered model of the round won in {@code block} scored {@code correct} of
     * {@code samples} on its task's whole test set ({@link TestSetScores}).
     */
    public record Scored(String type, String block, int correct, int samples) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Optional<Path> file;
    private final List<Posted> posted = new ArrayList<>();
    private final List<Revealed> revealed = new ArrayList<>();
    private final List<Scored> scored = new ArrayList<>();

    private RequesterJournal(Optional<Path> file) {
        this.file = file;
    }

    /** A journal kept in memory only (a node without a data directory). */
    public static RequesterJournal inMemory() {
        return new RequesterJournal(Optional.empty());
    }

    /** Opens (or starts) the journal under {@code dataDir}/requester. */
    public static RequesterJournal open(Path dataDir) {
        Path path = dataDir.resolve("requester").resolve("tasks.jsonl");
        RequesterJournal journal = new RequesterJournal(Optional.of(path));
        try {
            Files.createDirectories(path.getParent());
            if (Files.exists(path)) {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    journal.load(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the requester journal " + path + ": " + e.getMessage()
                            + ". Check that the data directory is readable and writable.",
                    e);
        }
        return journal;
    }

    private void load(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            var node = JSON.readTree(line);
            switch (node.path("type").asText()) {
                case "posted" -> posted.add(JSON.treeToValue(node, Posted.class));
                case "revealed" -> revealed.add(JSON.treeToValue(node, Revealed.class));
                case "scored" -> scored.add(JSON.treeToValue(node, Scored.class));
                default -> {} // a later version's entry: not ours to read
            }
        } catch (IOException e) {
            // a torn last line after a crash: the entry was never acknowledged
        }
    }

    public synchronized void posted(String tx, PreparedTask task, long timeMillis) {
        Posted entry = new Posted(
                "posted",
                tx,
                task.model(),
                task.dataset(),
                task.dataOrigin(),
                task.terms().trainingSet().toHex(),
                task.terms().shardHashes().stream().map(Hash::toHex).toList(),
                task.testSamples(),
                timeMillis);
        append(entry);
        posted.add(entry);
    }

    public synchronized void revealed(long taskId, int shardIndex, String parent, long timeMillis) {
        Revealed entry = new Revealed("revealed", taskId, shardIndex, parent, timeMillis);
        append(entry);
        revealed.add(entry);
    }

    public synchronized void scored(String block, int correct, int samples) {
        Scored entry = new Scored("scored", block, correct, samples);
        append(entry);
        scored.add(entry);
    }

    public synchronized List<Scored> scores() {
        return List.copyOf(scored);
    }

    /** The posting whose shards are {@code shardHashes} (hex), if this node posted it. */
    public synchronized Optional<Posted> postedWithShards(List<String> shardHashes) {
        return posted.stream().filter(p -> p.shardHashes().equals(shardHashes)).findFirst();
    }

    public synchronized List<Posted> posted() {
        return List.copyOf(posted);
    }

    public synchronized List<Revealed> reveals(long taskId) {
        return revealed.stream().filter(r -> r.taskId() == taskId).toList();
    }

    private void append(Object entry) {
        if (file.isEmpty()) {
            return;
        }
        try {
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (var channel = FileChannel.open(
                    file.get(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the requester journal " + file.get() + ": " + e.getMessage(), e);
        }
    }
}
