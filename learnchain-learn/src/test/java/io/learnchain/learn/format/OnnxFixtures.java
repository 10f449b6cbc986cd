package io.learnchain.learn.format;

import io.learnchain.learn.data.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The PyTorch-made ONNX fixtures of scripts/make-onnx-fixtures.py (torch 1.13.1), with PyTorch's inputs and outputs. */
final class OnnxFixtures {
    private static final String FOLDER = "/io/learnchain/learn/format/onnx/";

    private OnnxFixtures() {}

    static byte[] onnx(String name) {
        return bytes(name + ".onnx");
    }

    /** float32 [4, ...sample], flattened. */
    static float[] inputs(String name) {
        return floats(name + ".inputs.npy");
    }

    /** PyTorch's logits for {@link #inputs}: float32 [4, classes], flattened. */
    static float[] outputs(String name) {
        return floats(name + ".outputs.npy");
    }

    private static float[] floats(String file) {
        NpyArray a = NpyArray.read(bytes(file), file);
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i);
        }
        return out;
    }

    static byte[] bytes(String file) {
        try (InputStream in = OnnxFixtures.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing test resource " + FOLDER + file + " (made by scripts/make-onnx-fixtures.py)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
