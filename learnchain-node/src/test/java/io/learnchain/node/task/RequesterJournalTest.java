package io.learnchain.node.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.node.data.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequesterJournalTest {
    @TempDir
    Path dir;

    private static PreparedTask task(int rounds) {
        return new TaskPreparer(new DatasetLoader(List.of()))
                .prepare(
                        new TaskRequest(
                                "mlp-small",
                                "fashion-mnist-small",
                                Amount.ofCoins(2),
                                rounds,
                                5000,
                                60,
                                0,
                                600,
                                Amount.ZERO),
                        7,
                        EntropySource.seeded(7),
                        ComputePool.serial());
    }

    @Test
    void keepsPostingsAndRevealsAcrossAReopenAndSkipsATornLine() throws Exception {
        PreparedTask t = task(3);
        RequesterJournal journal = RequesterJournal.open(dir);
        journal.posted("ab".repeat(32), t, 100);
        journal.revealed(1, 2, "cd".repeat(32), 200);
        Files.writeString(dir.resolve("requester/tasks.jsonl"), "{\"type\":\"revea", StandardOpenOption.APPEND);
        RequesterJournal again = RequesterJournal.open(dir);
        List<String> shards = t.terms().shardHashes().stream().map(Hash::toHex).toList();
        assertThat(again.postedWithShards(shards)).get().satisfies(p -> {
            assertThat(p.model()).isEqualTo("mlp-small");
            assertThat(p.dataset()).isEqualTo("fashion-mnist-small");
            assertThat(p.trainingSet()).isEqualTo(t.terms().trainingSet().toHex());
        });
        assertThat(again.reveals(1))
                .singleElement()
                .satisfies(r -> assertThat(r.shardIndex()).isEqualTo(2));
        assertThat(again.reveals(2)).isEmpty();
    }

    @Test
    void preparedShardsSplitTheTestSetAndHashToTheTerms() {
        PreparedTask t = task(4);
        assertThat(t.shards()).hasSize(4);
        int total = 0;
        for (int i = 0; i < 4; i++) {
            assertThat(Hash.sha256(t.shards().get(i)))
                    .isEqualTo(t.terms().shardHashes().get(i));
            total += DatasetCodec.decode(t.shards().get(i), "shard").count();
        }
        assertThat(total).isEqualTo(t.testSamples());
        assertThat(t.terms().modelSpec()).isEqualTo("input 784 | dense 64 | relu | dense 10");
    }
}
