package io.learnchain.learn.format.onnx;

import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.tensor.Transpose;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The nodes that become engine layers: Gemm (or MatMul and its bias Add) as dense, Conv as conv2d,
 * MaxPool, Relu/Tanh/Sigmoid, Flatten, and a final Softmax/LogSoftmax (dropped: the engine outputs
 * logits). Each checks every attribute against what the engine computes and names what it supports.
 */
final class LayerNodes {
    private static final String GEMM = "Gemm as nn.Linear exports it (alpha 1, beta 1, transA 0, transB 0 or 1)";
    private static final String CONV = "Conv with square kernels, equal strides, equal pads on every side smaller than"
            + " the kernel, dilations 1 and group 1 (nn.Conv2d(c, f, k, stride=s, padding=p))";
    private static final String POOL = "MaxPool with square kernels, equal strides, no padding, dilations 1"
            + " (nn.MaxPool2d(k) or nn.MaxPool2d(k, s))";

    private LayerNodes() {}

    static void gemm(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes(GEMM, "alpha", "beta", "transA", "transB");
        if (n.floatAttribute("alpha", 1f) != 1f
                || n.floatAttribute("beta", 1f) != 1f
                || n.intAttribute("transA", 0) != 0) {
            throw n.fail("alpha, beta or transA is not supported; supported: " + GEMM);
        }
        boolean transB = n.intAttribute("transB", 0) != 0;
        GraphValue.Activations x = layers.latest(n, 0);
        int in = flatFeatures(n, x);
        GraphValue.Floats w = n.weights(1, "the weight", 2);
        long[] wd = w.dims();
        long units = transB ? wd[0] : wd[1];
        if ((transB ? wd[1] : wd[0]) != in) {
            throw n.fail("the weight " + w.shapeText() + " does not fit " + in + " input features");
        }
        LayerSpec.Dense dense = layer(n, () -> new LayerSpec.Dense((int) units));
        float[] weight =
                transB ? transposed(w.values(), dense.units(), in) : w.values().clone();
        float[] bias = n.hasInput(2) ? bias(n, 2, dense.units()) : new float[dense.units()];
        n.output(0, flat(dense.units(), layers.add(dense, weight, bias), false));
    }

    /** MatMul by a weight [in, units]: a dense layer whose bias is the Add that follows (zero without one). */
    static void matMul(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes("MatMul of the data by a weight [in, units]");
        GraphValue.Activations x = layers.latest(n, 0);
        int in = flatFeatures(n, x);
        GraphValue.Floats w = n.weights(1, "the weight", 2);
        if (w.dims()[0] != in) {
            throw n.fail("the weight " + w.shapeText() + " does not fit " + in + " input features");
        }
        LayerSpec.Dense dense = layer(n, () -> new LayerSpec.Dense((int) w.dims()[1]));
        n.output(0, flat(dense.units(), layers.add(dense, w.values().clone(), new float[dense.units()]), true));
    }

    /** Add: only the bias of a MatMul's dense layer. */
    static void add(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes("Add of a bias right after a MatMul");
        boolean dataFirst = n.input(0) instanceof GraphValue.Activations;
        if (dataFirst && n.input(1) instanceof GraphValue.Activations) {
            throw n.fail("adds two values of the data path (a skip connection); supported: only a chain of layers"
                    + " (an nn.Sequential), with Add only as the bias of a MatMul");
        }
        GraphValue.Activations x = n.activations(dataFirst ? 0 : 1);
        layers.requireLatest(n, dataFirst ? 0 : 1, x);
        if (!x.biasOpen()) {
            throw n.fail("only the bias Add right after a MatMul (nn.Linear) is supported, not a sum of other values");
        }
        int units = x.sampleDims()[0];
        layers.setDenseBias(bias(n, dataFirst ? 1 : 0, units));
        n.output(0, x.after(x.layers()));
    }

    static void conv(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes(CONV, "kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        GraphValue.Activations x = layers.latest(n, 0);
        int[] in = x.sampleDims();
        GraphValue.Floats w = n.weights(1, "the weight", 4);
        long[] wd = w.dims();
        if (in.length != 3 || wd[1] != in[0]) {
            throw n.fail("reads " + x.text() + " with a weight " + w.shapeText()
                    + "; supported: [batch, channels, height, width] with a weight [filters, channels, k, k]");
        }
        if (n.intAttribute("group", 1) != 1) {
            throw n.fail("group " + n.intAttribute("group", 1) + " is not supported; supported: " + CONV);
        }
        int kernel = square(n, wd[2], wd[3], "kernel " + wd[2] + "x" + wd[3], CONV);
        requireKernelShape(n, kernel, CONV);
        requireOnes(n, "dilations", CONV);
        int stride = equal(n, "strides", CONV);
        int pad = padding(n, CONV);
        LayerSpec.Conv2d conv = layer(n, () -> new LayerSpec.Conv2d((int) wd[0], kernel, stride, pad));
        float[] bias = n.hasInput(2) ? bias(n, 2, conv.filters()) : new float[conv.filters()];
        int h = windows(n, in[1], kernel, stride, pad);
        int wOut = windows(n, in[2], kernel, stride, pad);
        int count = layers.add(conv, w.values().clone(), bias);
        n.output(0, GraphValue.Activations.of(new int[] {conv.filters(), h, wOut}, count));
    }

    static void maxPool(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes(
                POOL, "kernel_shape", "strides", "pads", "dilations", "ceil_mode", "storage_order", "auto_pad");
        GraphValue.Activations x = layers.latest(n, 0);
        int[] in = x.sampleDims();
        if (in.length != 3) {
            throw n.fail("reads " + x.text() + "; supported: [batch, channels, height, width]");
        }
        long[] k = n.intsAttribute("kernel_shape").orElseThrow(() -> n.fail("needs kernel_shape"));
        if (k.length != 2) {
            throw n.fail("kernel_shape " + Arrays.toString(k) + " is not supported; supported: " + POOL);
        }
        int size = square(n, k[0], k[1], "kernel_shape " + Arrays.toString(k), POOL);
        requireOnes(n, "dilations", POOL);
        int stride = equal(n, "strides", POOL);
        if (padding(n, POOL) != 0) {
            throw n.fail("pads " + Arrays.toString(n.intsAttribute("pads").orElseThrow())
                    + " are not supported; supported: " + POOL);
        }
        int h = windows(n, in[1], size, stride, 0);
        int w = windows(n, in[2], size, stride, 0);
        if (n.intAttribute("ceil_mode", 0) != 0 && ((in[1] - size) % stride != 0 || (in[2] - size) % stride != 0)) {
            throw n.fail("ceil_mode 1 adds a partial window here, which is not supported; supported: " + POOL);
        }
        LayerSpec.MaxPool2d pool = layer(n, () -> new LayerSpec.MaxPool2d(size, stride));
        int count = layers.add(pool);
        n.output(0, GraphValue.Activations.of(new int[] {in[0], h, w}, count));
        n.output(1, new GraphValue.Unusable("MaxPool's indices"));
    }

    /** Relu, Tanh or Sigmoid. */
    static void activation(OnnxNode n, ImportedLayers layers, LayerSpec activation) {
        n.onlyAttributes("no attributes");
        GraphValue.Activations x = layers.latest(n, 0);
        n.output(0, x.after(layers.add(activation)));
    }

    static void flatten(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes("Flatten with axis 1 (nn.Flatten())", "axis");
        GraphValue.Activations x = layers.latest(n, 0);
        long axis = n.intAttribute("axis", 1);
        if (axis != 1 && axis != 1 - x.axes().size()) {
            throw n.fail("axis " + axis + " is not supported; supported: Flatten with axis 1 (nn.Flatten())");
        }
        int size = Arrays.stream(x.sampleDims()).reduce(1, Math::multiplyExact);
        n.output(0, flat(size, layers.add(new LayerSpec.Flatten()), false));
    }

    /** A Softmax or LogSoftmax over the logits: kept aside, accepted only as the graph's output. */
    static void softmax(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes("Softmax or LogSoftmax over the classes (dim=1), as the last node", "axis");
        GraphValue.Activations x = layers.latest(n, 0);
        long axis = n.intAttribute("axis", -1);
        if (x.axes().size() != 2 || (axis != 1 && axis != -1)) {
            throw n.fail("is supported only over the classes of [batch, classes] (dim=1), as the last node");
        }
        n.output(0, new GraphValue.Normalised(x, n.op()));
    }

    /** [batch, size] after {@code layers} layers. */
    static GraphValue.Activations flat(int size, int layers, boolean biasOpen) {
        GraphValue.Activations a = GraphValue.Activations.of(new int[] {size}, layers);
        return biasOpen ? new GraphValue.Activations(a.axes(), layers, true) : a;
    }

    private static int flatFeatures(OnnxNode n, GraphValue.Activations x) {
        int[] dims = x.sampleDims();
        if (dims.length != 1) {
            throw n.fail("reads " + x.text() + " but a dense layer reads [batch, features]:"
                    + " put nn.Flatten() before nn.Linear");
        }
        return dims[0];
    }

    private static float[] bias(OnnxNode n, int i, int units) {
        GraphValue.Floats b = n.input(i) instanceof GraphValue.Floats f ? f : null;
        if (b == null || (b.values().length != units && b.values().length != 1)) {
            throw n.fail("the bias ('" + n.inputName(i) + "') must be a float32 initializer of " + units + " values");
        }
        if (b.values().length == units) {
            return b.values().clone();
        }
        float[] out = new float[units];
        Arrays.fill(out, b.values()[0]);
        return out;
    }

    /** The engine's layout [cols x rows] of a row-major [rows x cols] weight. */
    static float[] transposed(float[] w, int rows, int cols) {
        float[] out = new float[w.length];
        Transpose.transpose(w, 0, cols, rows, cols, out, 0, rows);
        return out;
    }

    private static <L extends LayerSpec> L layer(OnnxNode n, Supplier<L> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw n.fail(e.getMessage());
        }
    }

    private static int square(OnnxNode n, long a, long b, String what, String supported) {
        if (a != b) {
            throw n.fail(what + " is not square; supported: " + supported);
        }
        return (int) a;
    }

    private static void requireKernelShape(OnnxNode n, int kernel, String supported) {
        n.intsAttribute("kernel_shape").ifPresent(k -> {
            if (k.length != 2 || k[0] != kernel || k[1] != kernel) {
                throw n.fail("kernel_shape " + Arrays.toString(k) + " differs from the weight's " + kernel + "x"
                        + kernel + "; supported: " + supported);
            }
        });
    }

    private static void requireOnes(OnnxNode n, String attribute, String supported) {
        n.intsAttribute(attribute).ifPresent(v -> {
            if (Arrays.stream(v).anyMatch(d -> d != 1)) {
                throw n.fail(attribute + " " + Arrays.toString(v) + " are not supported; supported: " + supported);
            }
        });
    }

    /** The one value of a two-entry attribute such as strides [2, 2] (1 when absent). */
    private static int equal(OnnxNode n, String attribute, String supported) {
        long[] v = n.intsAttribute(attribute).orElse(new long[] {1, 1});
        if (v.length != 2 || v[0] != v[1] || v[0] < 1 || v[0] > 1 << 20) {
            throw n.fail(attribute + " " + Arrays.toString(v) + " are not supported; supported: " + supported);
        }
        return (int) v[0];
    }

    /** The padding of every side (0 without pads or with auto_pad VALID). */
    private static int padding(OnnxNode n, String supported) {
        String autoPad = n.stringAttribute("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw n.fail("auto_pad " + autoPad + " is not supported; supported: " + supported);
        }
        long[] p = n.intsAttribute("pads").orElse(new long[] {0, 0, 0, 0});
        if (p.length != 4 || Arrays.stream(p).anyMatch(v -> v != p[0]) || p[0] < 0 || p[0] > 1 << 20) {
            throw n.fail("pads " + Arrays.toString(p) + " are not supported; supported: " + supported);
        }
        return autoPad.equals("VALID") ? 0 : (int) p[0];
    }

    private static int windows(OnnxNode n, int in, int k, int s, int p) {
        int span = in + 2 * p - k;
        if (span < 0) {
            throw n.fail("its window " + k + " (padding " + p + ") is larger than the input size " + in);
        }
        return span / s + 1;
    }
}
