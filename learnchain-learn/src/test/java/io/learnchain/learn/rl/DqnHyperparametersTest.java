package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.rl.DqnHyperparameters.TdLoss;
import io.learnchain.learn.train.Optimizer;
import org.junit.jupiter.api.Test;

class DqnHyperparametersTest {

    @Test
    void cartPoleDefaultsUseThePredefinedDqnNetwork() {
        DqnHyperparameters hp = DqnHyperparameters.cartPole();
        assertThat(hp.network()).isEqualTo(PredefinedModels.byName("dqn-mlp"));
        hp.checkFits(new CartPole());
        assertThat(hp.text()).isEqualTo("""
                network %s
                epsilon start=1.0 end=0.05 decay=5000
                gamma 0.99
                optimizer adam lr=0.001 beta1=0.9 beta2=0.999 eps=1.0E-8
                replay 10000
                batch 32
                target-period 250
                gradient-steps 1
                warmup 500
                loss mse
                """.formatted(PredefinedModels.DQN_MLP.text()));
    }

    @Test
    void rejectsInconsistentSettings() {
        var net = PredefinedModels.DQN_MLP;
        var eps = new EpsilonSchedule(1f, 0f, 10);
        var adam = Optimizer.Adam.of(1e-3f);
        assertThatThrownBy(() -> new DqnHyperparameters(net, eps, 1.5f, adam, 100, 32, 1, 1, 32, TdLoss.MSE))
                .hasMessageContaining("gamma");
        assertThatThrownBy(() -> new DqnHyperparameters(net, eps, 0.9f, adam, 16, 32, 1, 1, 16, TdLoss.MSE))
                .hasMessageContaining("below the batch size");
        assertThatThrownBy(() -> new DqnHyperparameters(net, eps, 0.9f, adam, 100, 32, 0, 1, 32, TdLoss.MSE))
                .hasMessageContaining("target period");
        assertThatThrownBy(() -> new DqnHyperparameters(net, eps, 0.9f, adam, 100, 32, 1, 1, 101, TdLoss.MSE))
                .hasMessageContaining("warm-up");
    }
}
