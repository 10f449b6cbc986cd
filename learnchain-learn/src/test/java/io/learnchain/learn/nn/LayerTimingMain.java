package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Initializer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/** Manual timing run (not a test): per-layer forward and backward CPU time (caller thread) of a predefined model. */
public final class LayerTimingMain {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        ModelSpec spec = PredefinedModels.byName(args[0]);
        int batch = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        Network net = new Network(spec, batch);
        Model init = Initializer.initialize(spec, 1);
        net.load(init);
        var f = Network.class.getDeclaredField("layers");
        f.setAccessible(true);
        Layer[] layers = (Layer[]) f.get(net);
        var fa = Network.class.getDeclaredField("acts");
        fa.setAccessible(true);
        var fg = Network.class.getDeclaredField("grads");
        fg.setAccessible(true);
        float[] x = new float[batch * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 255) / 255f;
        }
        long[] fwd = new long[layers.length];
        long[] bwd = new long[layers.length];
        ComputePool pool = ComputePool.serial();
        for (int rep = 0; rep < reps; rep++) {
            net.forward(pool, x, batch);
            float[][] acts = (float[][]) fa.get(net);
            float[][] grads = (float[][]) fg.get(net);
            Arrays.fill(grads[layers.length], 0.01f);
            boolean measure = rep >= reps / 2;
            for (int i = 0; i < layers.length; i++) {
                long t = MX.getCurrentThreadCpuTime();
                layers[i].forward(pool, net.parameters(), acts[i], acts[i + 1], batch);
                if (measure) {
                    fwd[i] += MX.getCurrentThreadCpuTime() - t;
                }
            }
            for (int i = layers.length - 1; i >= 0; i--) {
                long t = MX.getCurrentThreadCpuTime();
                layers[i].backward(
                        pool,
                        net.parameters(),
                        net.gradients(),
                        acts[i],
                        acts[i + 1],
                        grads[i + 1],
                        i == 0 ? null : grads[i],
                        batch);
                if (measure) {
                    bwd[i] += MX.getCurrentThreadCpuTime() - t;
                }
            }
        }
        int n = reps - reps / 2;
        for (int i = 0; i < layers.length; i++) {
            System.out.printf(
                    "%-24s fwd %8.3f ms  bwd %8.3f ms%n",
                    spec.layers().get(i).text(), fwd[i] / 1e6 / n, bwd[i] / 1e6 / n);
        }
    }
}
