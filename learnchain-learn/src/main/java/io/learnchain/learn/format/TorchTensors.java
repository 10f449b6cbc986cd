package io.learnchain.learn.format;

import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelLayout;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model's parameters as PyTorch names and layouts, as a {@code torch.nn.Sequential} of the same
 * layers holds them in its {@code state_dict()}: layer i's tensors are {@code i.weight} and
 * {@code i.bias} for Linear ([out, in], transposed from the engine's [in, out]) and Conv2d
 * ([filters, channels, k, k], the engine's layout), and {@code i.weight_ih_l0} [4H, F],
 * {@code i.weight_hh_l0} [4H, H], {@code i.bias_ih_l0}, {@code i.bias_hh_l0} (zero) for an LSTM;
 * PyTorch's gate order (i, f, g, o) is the engine's. The mapping is exact both ways: no value is
 * rounded.
 */
public final class TorchTensors {
    private TorchTensors() {}

    public static List<NamedTensor> fromModel(Model model) {
        ModelSpec spec = model.spec();
        ModelLayout layout = spec.layout();
        int[] first = layout.firstTensorOfLayer();
        List<NamedTensor> out = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (first[i] < 0) {
                continue;
            }
            int in = layout.shapes().get(i).dims()[layout.shapes().get(i).rank() - 1];
            TensorSpec w = layout.tensors().get(first[i]);
            switch (spec.layers().get(i)) {
                case LayerSpec.Dense d -> {
                    out.add(new NamedTensor(
                            i + ".weight", new int[] {d.units(), in}, transpose(model.tensor(w), in, d.units())));
                    out.add(new NamedTensor(
                            i + ".bias",
                            new int[] {d.units()},
                            model.tensor(layout.tensors().get(first[i] + 1))));
                }
                case LayerSpec.Conv2d c -> {
                    int channels = layout.shapes().get(i).dim(0);
                    out.add(new NamedTensor(
                            i + ".weight", new int[] {c.filters(), channels, c.kernel(), c.kernel()}, model.tensor(w)));
                    out.add(new NamedTensor(
                            i + ".bias",
                            new int[] {c.filters()},
                            model.tensor(layout.tensors().get(first[i] + 1))));
                }
                case LayerSpec.Lstm l -> {
                    int h = l.hidden();
                    int g4 = 4 * h;
                    TensorSpec wh = layout.tensors().get(first[i] + 1);
                    TensorSpec b = layout.tensors().get(first[i] + 2);
                    out.add(new NamedTensor(
                            i + ".weight_ih_l0", new int[] {g4, in}, transpose(model.tensor(w), in, g4)));
                    out.add(new NamedTensor(
                            i + ".weight_hh_l0", new int[] {g4, h}, transpose(model.tensor(wh), h, g4)));
                    out.add(new NamedTensor(i + ".bias_ih_l0", new int[] {g4}, model.tensor(b)));
                    out.add(new NamedTensor(i + ".bias_hh_l0", new int[] {g4}, new float[g4]));
                }
                case LayerSpec.MaxPool2d p -> throw untrainable(p);
                case LayerSpec.Flatten f -> throw untrainable(f);
                case LayerSpec.Relu r -> throw untrainable(r);
                case LayerSpec.Tanh t -> throw untrainable(t);
                case LayerSpec.Sigmoid s -> throw untrainable(s);
            }
        }
        return List.copyOf(out);
    }

    /** Rebuilds the model of {@code spec} from PyTorch-named tensors (the inverse of {@link #fromModel}). */
    public static Model toModel(ModelSpec spec, Safetensors.Contents contents) {
        ModelLayout layout = spec.layout();
        float[] params = new float[layout.parameterCount()];
        int[] first = layout.firstTensorOfLayer();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (first[i] < 0) {
                continue;
            }
            int in = layout.shapes().get(i).dims()[layout.shapes().get(i).rank() - 1];
            TensorSpec w = layout.tensors().get(first[i]);
            switch (spec.layers().get(i)) {
                case LayerSpec.Dense d -> {
                    put(params, w, transpose(expect(contents, i + ".weight", d.units(), in), d.units(), in));
                    put(params, layout.tensors().get(first[i] + 1), expect(contents, i + ".bias", d.units()));
                }
                case LayerSpec.Conv2d c -> {
                    int channels = layout.shapes().get(i).dim(0);
                    put(params, w, expect(contents, i + ".weight", c.filters(), channels, c.kernel(), c.kernel()));
                    put(params, layout.tensors().get(first[i] + 1), expect(contents, i + ".bias", c.filters()));
                }
                case LayerSpec.Lstm l -> {
                    int h = l.hidden();
                    int g4 = 4 * h;
                    put(params, w, transpose(expect(contents, i + ".weight_ih_l0", g4, in), g4, in));
                    put(
                            params,
                            layout.tensors().get(first[i] + 1),
                            transpose(expect(contents, i + ".weight_hh_l0", g4, h), g4, h));
                    float[] bias = expect(contents, i + ".bias_ih_l0", g4);
                    float[] bias2 = expect(contents, i + ".bias_hh_l0", g4);
                    for (int j = 0; j < g4; j++) {
                        bias[j] += bias2[j];
                    }
                    put(params, layout.tensors().get(first[i] + 2), bias);
                }
                case LayerSpec.MaxPool2d p -> throw untrainable(p);
                case LayerSpec.Flatten f -> throw untrainable(f);
                case LayerSpec.Relu r -> throw untrainable(r);
                case LayerSpec.Tanh t -> throw untrainable(t);
                case LayerSpec.Sigmoid s -> throw untrainable(s);
            }
        }
        return new Model(spec, params);
    }

    private static float[] expect(Safetensors.Contents contents, String name, int... shape) {
        NamedTensor t = contents.tensor(name);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + " but the model spec needs " + Arrays.toString(shape));
        }
        return t.data().clone();
    }

    private static void put(float[] params, TensorSpec t, float[] values) {
        System.arraycopy(values, 0, params, t.offset(), t.size());
    }

    /** [rows x cols] row-major to [cols x rows]. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private static IllegalStateException untrainable(LayerSpec l) {
        return new IllegalStateException("layer " + l.text() + " has no tensors but the layout gave it some");
    }
}
