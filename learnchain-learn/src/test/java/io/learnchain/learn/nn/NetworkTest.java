package io.learnchain.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import org.junit.jupiter.api.Test;

/** The forward / set-output-gradient / backward cycle that DQN uses with its own loss. */
class NetworkTest {

    @Test
    void regressesTowardsTargetsWithAnArbitraryLossGradient() {
        Network net = new Network(PredefinedModels.DQN_MLP, 8);
        net.load(Initializer.initialize(PredefinedModels.DQN_MLP, 9));
        float[] x = new float[8 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 7) % 13) * 0.1f - 0.6f; // eight distinct samples
        }
        float[] target = new float[8 * 2];
        for (int i = 0; i < target.length; i++) {
            target[i] = (i % 3) - 1f;
        }
        Optimizer opt = Optimizer.Adam.of(1e-2f);
        float[] state = new float[2 * net.parameters().length];
        double first = 0;
        double last = 0;
        for (int step = 1; step <= 200; step++) {
            float[] q = net.forward(ComputePool.serial(), x, 8);
            double loss = 0;
            float[] dq = net.outputGradient();
            for (int i = 0; i < 16; i++) {
                float d = q[i] - target[i];
                loss += d * d;
                dq[i] = 2f * d / 16f;
            }
            net.backward(ComputePool.serial(), 8);
            opt.step(step, net.parameters(), net.gradients(), state);
            if (step == 1) {
                first = loss;
            }
            last = loss;
        }
        assertThat(last).isLessThan(first * 0.05);
        assertThat(net.toModel().spec()).isEqualTo(PredefinedModels.DQN_MLP);
    }

    @Test
    void rejectsBatchesLargerThanCapacity() {
        Network net = new Network(PredefinedModels.DQN_MLP, 4);
        assertThatThrownBy(() -> net.forward(ComputePool.serial(), new float[40], 5))
                .hasMessageContaining("batch 5 is outside [1, 4]");
        assertThatThrownBy(() -> net.load(Initializer.initialize(PredefinedModels.MLP_SMALL, 1)))
                .hasMessageContaining("does not match network spec");
    }
}
