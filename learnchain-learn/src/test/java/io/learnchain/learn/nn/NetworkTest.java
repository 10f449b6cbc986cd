package io.learnchain.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "lenet5",
                "mlp-small",
                "input 2x9x9 | conv2d 3 k3 s1 p1 | relu | maxpool 2 s2"
                        + " | conv2d 5 k3 s2 p1 | tanh | maxpool 2 s1 | flatten | dense 4 | sigmoid",
                "lstm-rows"
            })
    void batchedForwardGivesEachSampleTheBitsOfItsOwnSingleSampleForward(String model) {
        ModelSpec spec = model.startsWith("input") ? ModelSpec.parse(model) : PredefinedModels.byName(model);
        int batch = 133; // chunks of 64 and 8..64, a ragged last chunk
        Network whole = new Network(spec, batch);
        Network single = new Network(spec, 1);
        whole.load(Initializer.initialize(spec, 5));
        single.load(Initializer.initialize(spec, 5));
        int in = whole.inputSize();
        int out = whole.outputSize();
        SplitMix64 rng = new SplitMix64(17);
        float[] x = new float[batch * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[] expected = new float[batch * out];
        for (int b = 0; b < batch; b++) {
            float[] y = single.forward(ComputePool.serial(), Arrays.copyOfRange(x, b * in, (b + 1) * in), 1);
            System.arraycopy(y, 0, expected, b * out, out);
        }
        for (int threads : new int[] {1, 2, 3}) {
            try (ComputePool pool = new ComputePool(threads)) {
                float[] y = Arrays.copyOf(whole.forward(pool, x, batch), batch * out);
                assertThat(y).as("%s with %d threads", model, threads).isEqualTo(expected);
            }
        }
    }

    @Test
    void chunksTheForwardPassIntoCacheSizedSampleRangesForEveryThread() {
        assertThat(Network.chunkSamples(1000, 1)).isEqualTo(64);
        assertThat(Network.chunkSamples(1000, 2)).isEqualTo(64);
        assertThat(Network.chunkSamples(64, 2)).isEqualTo(16);
        assertThat(Network.chunkSamples(10, 4)).isEqualTo(8);
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
