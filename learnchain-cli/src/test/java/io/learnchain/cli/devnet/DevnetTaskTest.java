package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevnetTaskTest {
    @Test
    void theSmallTaskTrainsTheSmallMlpOnTheBundledData() {
        DevnetTask task = DevnetTask.named("mlp-small");

        assertThat(task.model()).isEqualTo("mlp-small");
        assertThat(task.dataset()).isEqualTo("fashion-mnist-small");
        var body = task.request(3);
        assertThat(body.model()).isEqualTo("mlp-small");
        assertThat(body.dataset()).isEqualTo("fashion-mnist-small");
        assertThat(body.rounds()).isEqualTo(3);
        assertThat(body.rewardPerRound()).isEqualTo("10");
        assertThat(body.minTrainingAccuracyBp()).isEqualTo(5_000);
        assertThat(body.minTrainingAccuracy()).isNull();
        assertThat(body.minPhaseSeconds()).isEqualTo(2L);
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
