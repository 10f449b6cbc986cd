package io.learnchain.node.task;

import io.learnchain.base.Hash;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.node.blob.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each round winner's accuracy on the task's whole test set: every test shard the task names, in
 * the requester's own labels, scored with the model as delivered (its mapping layer undone). The
 * requester's node holds every shard from the start; any other node once all are revealed and
 * fetched, and not before (it then has no score, never one on part of the set). A private task's
 * model reads the round's projection of a sample: its test set is projected with that round's rows
 * ({@link #modelInput}), so the score is what the delivered ONNX (raw samples in) scores.
 *
 * <p>Scores are kept by winning block (a block fixes both the model and the task's shards), in
 * memory and in the {@link RequesterJournal}, so a restarted node does not evaluate again. {@link
 * #scoreLater} evaluates on one background thread (decisions, list views); {@link #score} evaluates
 * at once (a download that must know the best round). Evaluation is single-threaded so it never
 * competes with the miner's compute pool for more than one core.
 */
final class TestSetScores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestSetScores.class);

    /** A model's count of correct predictions on a test set of {@code samples}. */
    record Score(int correct, int samples) {
        double accuracy() {
            return (double) correct / samples;
        }
    }

    private final BlobStore blobs;
    private final RequesterJournal journal;
    private final Map<Hash, Score> scores = new ConcurrentHashMap<>();
    private final Map<Hash, Boolean> queued = new ConcurrentHashMap<>();
    private final Evaluator evaluator = new Evaluator(ComputePool.serial());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "learnchain-test-scores");
        t.setDaemon(true);
        return t;
    });
    private final Object testSetLock = new Object();
    private List<Hash> cachedShards = List.of();
    private Dataset cachedTestSet;

    TestSetScores(BlobStore blobs, RequesterJournal journal) {
        this.blobs = blobs;
        this.journal = journal;
        for (RequesterJournal.Scored s : journal.scores()) {
            scores.put(Hash.fromHex(s.block()), new Score(s.correct(), s.samples()));
        }
    }

    /** The score of the model won in {@code block}, when it has been evaluated. */
    Optional<Score> get(Hash block) {
        return Optional.ofNullable(scores.get(block));
    }

    /** True when every test shard of {@code terms} is in this node's blob store. */
    boolean holdsTestSet(PostTask terms) {
        try {
            for (Hash shard : terms.shardHashes()) {
                if (!blobs.contains(shard)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the blob store: " + e.getMessage(), e);
        }
    }

    /**
     * The score of {@code delivered} (won in {@code block}) on the test set of {@code terms},
     * evaluated now when not known; empty when this node does not hold every shard.
     */
    Optional<Score> score(Hash block, PostTask terms, Hash roundKey, Supplier<Model> delivered) {
        Score known = scores.get(block);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Dataset> test = testSet(terms);
        if (test.isEmpty()) {
            return Optional.empty();
        }
        Dataset input = modelInput(test.get(), terms, roundKey);
        Score s = new Score(evaluator.correctCount(delivered.get(), input), input.count());
        if (scores.putIfAbsent(block, s) == null) {
            journal.scored(block.toHex(), s.correct(), s.samples());
        }
        return Optional.of(s);
    }

    /**
     * What the round's model reads of {@code test}: the samples themselves, or for a private task
     * their projection through the round's rows (the model reads k features, not the raw samples).
     */
    static Dataset modelInput(Dataset test, PostTask terms, Hash roundKey) {
        return terms.privacy().map(p -> p.project(test, p.weights(roundKey))).orElse(test);
    }

    /** Evaluates on the background thread unless known, queued, or this node lacks the test set. */
    void scoreLater(Hash block, PostTask terms, Hash roundKey, Supplier<Model> delivered) {
        if (scores.containsKey(block) || !holdsTestSet(terms) || queued.putIfAbsent(block, true) != null) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    score(block, terms, roundKey, delivered);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "cannot score the model of block {} on its task's test set: {}",
                            block.shortHex(),
                            e.getMessage());
                } finally {
                    queued.remove(block);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(block); // closing
        }
    }

    /** The task's shards as one data set (shard order), or empty when one is not here. */
    private Optional<Dataset> testSet(PostTask terms) {
        synchronized (testSetLock) {
            if (cachedTestSet != null && cachedShards.equals(terms.shardHashes())) {
                return Optional.of(cachedTestSet);
            }
            List<Dataset> shards = new ArrayList<>();
            for (Hash h : terms.shardHashes()) {
                Optional<byte[]> bytes;
                try {
                    bytes = blobs.get(h);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read test shard " + h.toHex() + ": " + e.getMessage(), e);
                }
                if (bytes.isEmpty()) {
                    return Optional.empty();
                }
                shards.add(DatasetCodec.decode(bytes.get(), "test shard " + h.shortHex()));
            }
            cachedTestSet = concat(shards);
            cachedShards = List.copyOf(terms.shardHashes());
            return Optional.of(cachedTestSet);
        }
    }

    static Dataset concat(List<Dataset> parts) {
        Dataset first = parts.getFirst();
        int size = first.sampleSize();
        int count = parts.stream().mapToInt(Dataset::count).sum();
        float[] x = new float[count * size];
        int[] y = new int[count];
        int at = 0;
        for (Dataset d : parts) {
            if (d.sampleSize() != size || d.classes() != first.classes()) {
                throw new IllegalArgumentException("the test shards of a task differ in sample shape or classes");
            }
            System.arraycopy(d.features(), 0, x, at * size, d.count() * size);
            System.arraycopy(d.labels(), 0, y, at, d.count());
            at += d.count();
        }
        return new Dataset("test set", first.sampleShape(), first.classes(), x, y);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
