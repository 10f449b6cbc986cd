package io.learnchain.learn.format.onnx;

import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine layers found so far and their tensors in the engine's layout and order (dense: weight
 * [in x units], bias; conv2d: weight [filters x channels*k*k], bias; lstm: Wx [features x 4H], Wh
 * [H x 4H], bias [4H]). The graph must be a chain: each layer reads the output of the one before.
 */
final class ImportedLayers {
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<float[]> tensors = new ArrayList<>();

    int count() {
        return layers.size();
    }

    /** Input i of {@code n} as the latest activations laid out [batch, ...sample]: what a layer reads. */
    GraphValue.Activations latest(OnnxNode n, int i) {
        GraphValue.Activations a = n.activations(i);
        requireLatest(n, i, a);
        if (!a.canonical()) {
            throw n.fail("reads '" + n.inputName(i) + "' laid out as " + a.text() + " but a layer reads [batch, ...]"
                    + (a.axes().stream().anyMatch(x -> x instanceof Axis.Time)
                            ? ": only the LSTM's last time step (out[:, -1] or h_n[-1]) may feed the next layer"
                            : ": only the transposes and reshapes torch.onnx.export writes around LSTM and"
                                    + " flatten are supported"));
        }
        return a;
    }

    /** Fails when {@code a} is not the output of the last layer (a branch or a skip connection). */
    void requireLatest(OnnxNode n, int i, GraphValue.Activations a) {
        if (a.layers() != layers.size()) {
            throw n.fail("reads '" + n.inputName(i) + "', the data after layer " + a.layers() + ", but "
                    + layers.size() + " layers come before this node: only a chain of layers (an"
                    + " nn.Sequential, no branches or skip connections) is supported");
        }
    }

    /** Appends a layer with its tensors (engine layout); returns the new layer count. */
    int add(LayerSpec layer, float[]... layerTensors) {
        layers.add(layer);
        tensors.addAll(List.of(layerTensors));
        return layers.size();
    }

    /** Sets the bias of the last layer, a dense layer made from a MatMul. */
    void setDenseBias(float[] bias) {
        tensors.set(tensors.size() - 1, bias);
    }

    /** The model: the layers on {@code input} with the imported tensors as its parameters. */
    Model model(Shape input) {
        ModelSpec spec;
        try {
            spec = new ModelSpec(input, layers);
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException("the graph's layers do not form an engine model: " + e.getMessage(), e);
        }
        int total = tensors.stream().mapToInt(t -> t.length).sum();
        if (total != spec.layout().parameterCount()) {
            throw new IllegalStateException("imported " + total + " parameters for " + spec.text() + ", which has "
                    + spec.layout().parameterCount());
        }
        float[] params = new float[total];
        int offset = 0;
        for (float[] t : tensors) {
            System.arraycopy(t, 0, params, offset, t.length);
            offset += t.length;
        }
        try {
            return new Model(spec, params);
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException("the graph's weights cannot be the engine's: " + e.getMessage(), e);
        }
    }
}
