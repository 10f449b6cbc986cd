package io.learnchain.learn.format.onnx;

import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.tensor.Transpose;
import java.util.List;

/**
 * The ONNX LSTM operator as the engine's lstm layer, which reads a sample [steps, features] and
 * outputs the last hidden state. What nn.LSTM(features, hidden, batch_first=True) exports: the input
 * transposed to [steps, batch, features], weights W [1, 4H, F], R [1, 4H, H], B [1, 8H] with the
 * gates in ONNX's order i, o, f, c, and zero initial states (ConstantOfShape or an expanded zero).
 * The outputs keep their time and direction axes ({@link Axis.Time}, {@link Axis.Single}); the
 * plumbing that follows (Squeeze, Transpose, Gather or Slice of the last step) must reduce them to
 * [batch, hidden]. The cell state Y_c has no engine counterpart.
 */
final class LstmNode {
    private static final String SUPPORTED = "one forward layer of nn.LSTM(features, hidden, batch_first=True) with"
            + " zero initial states and the default activations (no bidirectional, clip, peepholes or"
            + " sequence lengths)";
    /** The ONNX gate block (i, o, f, c) that each engine gate (i, f, g, o) comes from. */
    private static final int[] ONNX_BLOCK_OF_ENGINE_GATE = {0, 2, 3, 1};

    private LstmNode() {}

    static void lstm(OnnxNode n, ImportedLayers layers) {
        n.onlyAttributes(SUPPORTED, "hidden_size", "direction", "activations", "layout", "input_forget", "clip");
        checkAttributes(n);
        boolean batchFirst = n.intAttribute("layout", 0) == 1;
        GraphValue.Activations x = n.activations(0);
        layers.requireLatest(n, 0, x);
        List<Axis> axes = x.axes();
        boolean sequenceFirst = axes.size() == 3
                && axes.get(0) instanceof Axis.Sample t
                && t.index() == 0
                && axes.get(1) instanceof Axis.Batch
                && axes.get(2) instanceof Axis.Sample f
                && f.index() == 1;
        if (batchFirst ? !x.canonical() || axes.size() != 3 : !sequenceFirst) {
            throw n.fail("reads " + x.text() + "; supported: the sample [steps, features] as nn.LSTM(...,"
                    + " batch_first=True) exports it (the input transposed to [steps, batch, features])");
        }
        int[] sample = x.sampleDims();
        int steps = sample[0];
        int features = sample[1];
        GraphValue.Floats w = n.weights(1, "W", 3);
        GraphValue.Floats r = n.weights(2, "R", 3);
        long g4 = w.dims()[1];
        long h = g4 / 4;
        if (w.dims()[0] != 1 || g4 % 4 != 0 || w.dims()[2] != features || !dims(r, 1, g4, h)) {
            throw n.fail("W " + w.shapeText() + " and R " + r.shapeText() + " do not fit " + features
                    + " features; supported: " + SUPPORTED);
        }
        if (n.attribute("hidden_size").isPresent() && n.intAttribute("hidden_size", h) != h) {
            throw n.fail("hidden_size " + n.intAttribute("hidden_size", h) + " differs from the weights' " + h);
        }
        float[] b = new float[(int) (2 * g4)];
        if (n.hasInput(3)) {
            GraphValue.Floats bias = n.weights(3, "B", 2);
            if (!dims(bias, 1, 2 * g4)) {
                throw n.fail("B " + bias.shapeText() + " is not [1, " + 2 * g4 + "]");
            }
            b = bias.values();
        }
        if (n.hasInput(4)) {
            throw n.fail("sequence_lens is not supported; supported: " + SUPPORTED);
        }
        zeroState(n, 5, "initial_h");
        zeroState(n, 6, "initial_c");
        if (n.hasInput(7)) {
            throw n.fail("peepholes are not supported; supported: " + SUPPORTED);
        }
        int hidden = (int) h;
        LayerSpec.Lstm lstm;
        try {
            lstm = new LayerSpec.Lstm(hidden);
        } catch (IllegalArgumentException e) {
            throw n.fail(e.getMessage());
        }
        int count = layers.add(
                lstm,
                engineGates(w.values(), features, hidden),
                engineGates(r.values(), hidden, hidden),
                engineBias(b, hidden));
        Axis batch = new Axis.Batch();
        Axis units = new Axis.Sample(0, hidden);
        Axis time = new Axis.Time(steps);
        Axis direction = new Axis.Single();
        List<Axis> y = batchFirst ? List.of(batch, time, direction, units) : List.of(time, direction, batch, units);
        List<Axis> yh = batchFirst ? List.of(batch, direction, units) : List.of(direction, batch, units);
        n.output(0, new GraphValue.Activations(y, count, false));
        n.output(1, new GraphValue.Activations(yh, count, false));
        n.output(
                2, new GraphValue.Unusable("the LSTM's cell state (the engine's lstm layer outputs the hidden state)"));
    }

    private static void checkAttributes(OnnxNode n) {
        String direction = n.stringAttribute("direction", "forward");
        if (!direction.equals("forward")) {
            throw n.fail("direction " + direction + " is not supported; supported: " + SUPPORTED);
        }
        List<String> activations = n.stringsAttribute("activations");
        if (!activations.isEmpty() && !activations.equals(List.of("Sigmoid", "Tanh", "Tanh"))) {
            throw n.fail("activations " + activations + " are not supported; supported: " + SUPPORTED);
        }
        if (n.intAttribute("input_forget", 0) != 0 || n.attribute("clip").isPresent()) {
            throw n.fail("input_forget and clip are not supported; supported: " + SUPPORTED);
        }
    }

    private static void zeroState(OnnxNode n, int i, String what) {
        if (!n.hasInput(i)) {
            return;
        }
        boolean zero = switch (n.input(i)) {
            case GraphValue.Zeros z -> true;
            case GraphValue.Floats f -> f.allZero();
            case GraphValue.Activations a -> false;
            case GraphValue.Ints v -> false;
            case GraphValue.Normalised s -> false;
            case GraphValue.Unusable u -> false;
        };
        if (!zero) {
            throw n.fail(what + " must be zero (the engine's LSTM starts from a zero state); supported: " + SUPPORTED);
        }
    }

    private static boolean dims(GraphValue.Floats f, long... expected) {
        return java.util.Arrays.equals(f.dims(), expected);
    }

    /** ONNX [4H x rows] (blocks i, o, f, c) to the engine's [rows x 4H] (blocks i, f, g, o). */
    private static float[] engineGates(float[] onnx, int rows, int h) {
        float[] out = new float[onnx.length];
        for (int gate = 0; gate < 4; gate++) {
            int block = ONNX_BLOCK_OF_ENGINE_GATE[gate];
            Transpose.transpose(onnx, block * h * rows, rows, h, rows, out, gate * h, 4 * h);
        }
        return out;
    }

    /** The engine's one bias: ONNX's input and recurrent biases (Wb, Rb) summed, gates reordered. */
    private static float[] engineBias(float[] b, int h) {
        float[] out = new float[4 * h];
        for (int gate = 0; gate < 4; gate++) {
            int block = ONNX_BLOCK_OF_ENGINE_GATE[gate] * h;
            for (int u = 0; u < h; u++) {
                out[gate * h + u] = b[block + u] + b[4 * h + block + u];
            }
        }
        return out;
    }
}
