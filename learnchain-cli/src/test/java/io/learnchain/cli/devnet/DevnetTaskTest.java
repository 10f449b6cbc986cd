package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DevnetTaskTest {
    @Test
    void theSmallTaskTrainsTheSmallMlpOnTheBundledData() {
        DevnetTask task = DevnetTask.named("mlp-small");

        assertThat(task.model()).isEqualTo("mlp-small");
        assertThat(task.dataset()).isEqualTo("fashion-mnist-small");
        Map<String, Object> body = task.request(3);
        assertThat(body).containsEntry("model", "mlp-small").containsEntry("dataset", "fashion-mnist-small")
                .containsEntry("rounds", 3).containsEntry("rewardPerRound", "10").containsEntry("minTrainingAccuracyBp", 5_000)
                .containsEntry("minPhaseSeconds", 2L);
    }

    @Test
    void theFashionMnistTasksUseAPredefinedModelOnWhicheverFashionMnistIsHere() {
        assertThat(DevnetTask.named("fashion-mnist-mlp").model()).isEqualTo("mlp");
        assertThat(DevnetTask.named("fashion-mnist-lenet5").model()).isEqualTo("lenet5");
        assertThat(DevnetTask.named("fashion-mnist-mlp").dataset()).isIn("fashion-mnist", "fashion-mnist-small");
    }

    @Test
    void everyNamedTaskExistsAndOthersAreRefused() {
        DevnetTask.NAMES.forEach(DevnetTask::named);
        assertThatThrownBy(() -> DevnetTask.named("cifar")).hasMessageContaining("unknown --task 'cifar'");
    }
}
