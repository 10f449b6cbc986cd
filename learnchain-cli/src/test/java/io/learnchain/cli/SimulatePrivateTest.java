package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learnchain simulate --scenario private} on the bundled Fashion-MNIST subset (issue 20). */
class SimulatePrivateTest {

    @Test
    void runsPrivateRoundsAgainstTheClearTask(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Cli.Run run = Cli.run(
                "simulate",
                "--scenario",
                "private",
                "--task",
                "mlp-small",
                "--samples",
                "300",
                "--rounds",
                "2",
                "--seed",
                "3",
                "--out",
                out.toString(),
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        JsonNode j = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(j.get("trainingSamples").asInt()).isEqualTo(300);
        assertThat(j.get("smlWidth").asInt()).isEqualTo(16);
        assertThat(j.get("allVerified").asBoolean()).isTrue();
        assertThat(j.get("meanPrivateCorrect").asDouble()).isGreaterThan(300);
        assertThat(j.get("meanExtraSecondsPerRound").asDouble()).isPositive();
        assertThat(Files.readAllLines(out.resolve("rounds.csv"))).hasSize(3);
        assertThat(Files.readString(out.resolve("accuracy.svg"))).startsWith("<svg");
        assertThat(Files.readString(out.resolve("report.txt"))).contains("meanExtraSecondsPerRound");
    }

    @Test
    void refusesOptionsItDoesNotRun(@TempDir Path dir) {
        Cli.Run run = Cli.run(
                "simulate",
                "--scenario",
                "private",
                "--nodes",
                "3",
                "--out",
                dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not --nodes");
        Cli.Run tooMany = Cli.run("simulate", "--scenario", "private", "--rounds", "13", "--out", dir.toString());
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("1..12 rounds");
        Cli.Run samples = Cli.run("simulate", "--samples", "10", "--out", dir.toString());
        assertThat(samples.exitCode()).isEqualTo(2);
        assertThat(samples.err()).contains("--samples is an option of --scenario private");
    }
}
