package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learnchain simulate --scenario lifelong} on the bundled Fashion-MNIST subset (class-incremental 0-4, then 0-9). */
class SimulateLifelongTest {

    @Test
    void growsWithOldWeightsFrozenAndReportsTheMeasuredFields(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Cli.Run run = Cli.run(
                "simulate",
                "--scenario",
                "lifelong",
                "--task",
                "mlp-small",
                "--nodes",
                "3",
                "--rounds",
                "2",
                "--seed",
                "3",
                "--out",
                out.toString(),
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        System.out.println(lines[lines.length - 1]);
        JsonNode j = new ObjectMapper().readTree(lines[lines.length - 1]);
        for (String field : new String[] {
            "epochs",
            "currentLoss",
            "badges",
            "oldClassAccuracyBefore",
            "oldClassAccuracyAfter",
            "naiveOldClassAccuracyAfter"
        }) {
            assertThat(j.has(field)).as(field).isTrue();
        }
        assertThat(j.get("grown").asBoolean()).isTrue();
        assertThat(j.get("epochs").asInt()).isEqualTo(4);
        assertThat(j.get("oldWeightsBitIdentical").asBoolean()).isTrue();
        assertThat(j.get("chainReverified").asBoolean()).isTrue();
        // old logits are bit-identical: the 5-way old-class accuracy cannot move
        assertThat(j.get("oldClassAccuracyAfterOldOutputs").asDouble())
                .isEqualTo(j.get("oldClassAccuracyBefore").asDouble());
        assertThat(j.get("oldClassAccuracyBefore").asDouble()).isGreaterThan(0.6);
        assertThat(j.get("badges").asLong()).isPositive();
        assertThat(j.get("naiveProposal").asText()).isIn("FROZEN_WEIGHTS_CHANGED", "not trained");
        assertThat(Files.readAllLines(out.resolve("epochs.csv"))).hasSize(1 + 1 + 2 + 1 + 2);
        assertThat(Files.readString(out.resolve("loss.svg"))).startsWith("<svg");
        assertThat(Files.readString(out.resolve("report.txt"))).contains("naiveOldClassAccuracyAfter");

        Path again = dir.resolve("again");
        Cli.Run second = Cli.run(
                "simulate",
                "--scenario",
                "lifelong",
                "--task",
                "mlp-small",
                "--nodes",
                "3",
                "--rounds",
                "2",
                "--seed",
                "3",
                "--out",
                again.toString(),
                "--json");
        assertThat(second.exitCode()).isZero();
        assertThat(Files.readString(again.resolve("epochs.csv")))
                .isEqualTo(Files.readString(out.resolve("epochs.csv")));
    }

    @Test
    void unknownScenarioIsAUserError(@TempDir Path dir) {
        Cli.Run run = Cli.run("simulate", "--scenario", "nope", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--scenario nope");
    }
}
