package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learnchain simulate --engine dqn} with lists of node counts and seeds: a sweep. */
class SimulateDqnSweepTest {

    private static Cli.Run sweep(Path out, String jobs) {
        return Cli.run(
                "simulate",
                "--engine",
                "dqn",
                "--env",
                "gridworld",
                "--nodes",
                "1,2",
                "--seed",
                "3,4",
                "--blocks",
                "80",
                "--window",
                "3",
                "--jobs",
                jobs,
                "--out",
                out.toString(),
                "--json");
    }

    /** runs.csv without the wall-clock column. */
    private static List<String> runs(Path out) throws Exception {
        return Files.readAllLines(out.resolve("runs.csv")).stream()
                .map(l -> l.replaceAll(",[0-9.]+,([0-9a-f]{64})$", ",$1"))
                .toList();
    }

    @Test
    void runsEveryNodeCountForEverySeedAndSummarises(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        Cli.Run run = sweep(out, "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(5); // one line a run, then the summary
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        for (String field : new String[] {"converged", "tipHash", "episodeReturns", "thresholdHeight"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        JsonNode summary = new ObjectMapper().readTree(lines[4]);
        assertThat(summary.get("sweep").asBoolean()).isTrue();
        assertThat(summary.get("byNodes")).hasSize(2);
        assertThat(summary.get("byNodes").get(1).get("nodes").asInt()).isEqualTo(2);
        assertThat(summary.get("byNodes").get(1).get("thresholdHeights")).hasSize(2);
        assertThat(summary.get("runs")).hasSize(4);
        for (String folder : new String[] {"n1-s3", "n2-s3", "n1-s4", "n2-s4"}) {
            assertThat(out.resolve(folder).resolve("episodes.csv")).exists();
        }
        assertThat(Files.readAllLines(out.resolve("summary.csv"))).hasSize(3);
        assertThat(Files.readString(out.resolve("threshold.svg")))
                .startsWith("<svg")
                .contains("2 nodes, seed 4");
        assertThat(Files.readString(out.resolve("report.txt"))).contains("dqn sweep: gridworld");

        Path serial = dir.resolve("serial");
        assertThat(sweep(serial, "1").exitCode()).isZero();
        assertThat(runs(serial)).isEqualTo(runs(out)).hasSize(5);
        Path single = dir.resolve("single");
        Cli.Run one = Cli.run(
                "simulate",
                "--engine",
                "dqn",
                "--env",
                "gridworld",
                "--nodes",
                "2",
                "--seed",
                "4",
                "--blocks",
                "80",
                "--window",
                "3",
                "--out",
                single.toString(),
                "--json");
        assertThat(one.exitCode()).isZero();
        assertThat(Files.readString(single.resolve("blocks.csv")))
                .isEqualTo(Files.readString(out.resolve("n2-s4").resolve("blocks.csv")));
    }

    @Test
    void listsAreForTheDqnEngineOnly(@TempDir Path dir) {
        Cli.Run run = Cli.run("simulate", "--nodes", "2,4", "--rounds", "1", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--engine dqn only");
    }

    @Test
    void badJobsIsAUserError(@TempDir Path dir) {
        Cli.Run run = Cli.run("simulate", "--engine", "dqn", "--nodes", "1,2", "--jobs", "0", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--jobs");
    }
}
