package io.learnchain.learn.format.onnx;

import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.List;

/**
 * An imported ONNX model: the engine model (spec and the graph's weights in the engine's layout)
 * and notes on what the import left out (a final Softmax, say).
 */
public record OnnxImport(Model model, List<String> notes) {
    public OnnxImport {
        notes = List.copyOf(notes);
    }

    public ModelSpec spec() {
        return model.spec();
    }

    /** "8 layers, 44,426 parameters". */
    public String summary() {
        return spec().layers().size() + " layers, " + String.format("%,d", model.parameterCount()) + " parameters";
    }
}
