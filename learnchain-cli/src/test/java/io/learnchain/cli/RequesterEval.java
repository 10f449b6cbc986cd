package io.learnchain.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.learn.data.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a data node would check the model it paid for, without learnchain's engine: classify its own
 * test data with the downloaded {@code model.onnx} in ONNX Runtime, and with the downloaded
 * {@code model.safetensors} in a plain-Java forward pass (PyTorch layouts, dense and ReLU layers
 * only, as the MLP specs have), and count how many predictions equal the requester's labels.
 */
final class RequesterEval {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequesterEval() {}

    /** Accuracy of an ONNX model on {@code data} in ONNX Runtime; {@code inputShape} is the sample shape. */
    static double onnxAccuracy(byte[] onnx, Dataset data, int[] inputShape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int size = data.sampleSize();
        int batch = 250;
        int correct = 0;
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            String input = session.getInputNames().iterator().next();
            for (int start = 0; start < data.count(); start += batch) {
                int n = Math.min(batch, data.count() - start);
                long[] shape = new long[inputShape.length + 1];
                shape[0] = n;
                for (int i = 0; i < inputShape.length; i++) {
                    shape[i + 1] = inputShape[i];
                }
                FloatBuffer x = FloatBuffer.wrap(data.features(), start * size, n * size)
                        .slice();
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, x, shape);
                        OrtSession.Result out = session.run(Map.of(input, tensor))) {
                    float[][] logits = (float[][]) out.get(0).getValue();
                    for (int b = 0; b < n; b++) {
                        if (argmax(logits[b]) == data.labels()[start + b]) {
                            correct++;
                        }
                    }
                }
            }
        }
        return (double) correct / data.count();
    }

    /**
     * Accuracy of a safetensors file on {@code data} by a forward pass written here: the spec text
     * (from metadata.json) must be an MLP, "input N | dense U | relu | ... | dense C"; layer i's
     * tensors are {@code i.weight} [out, in] and {@code i.bias} [out] as PyTorch's Linear holds them.
     */
    static double safetensorsAccuracy(byte[] file, String spec, Dataset data) {
        Map<String, float[]> tensors = readSafetensors(file);
        String[] layers = spec.split("\\|");
        List<Object> plan = new ArrayList<>(); // float[][] {weight, bias} per dense, "relu" per relu
        for (int i = 1; i < layers.length; i++) {
            String layer = layers[i].strip();
            int index = i - 1;
            if (layer.startsWith("dense ")) {
                plan.add(new float[][] {tensors.get(index + ".weight"), tensors.get(index + ".bias")});
            } else if (layer.equals("relu")) {
                plan.add("relu");
            } else {
                throw new IllegalArgumentException("this check reads MLPs only, not '" + layer + "' in " + spec);
            }
        }
        int size = data.sampleSize();
        int correct = 0;
        for (int s = 0; s < data.count(); s++) {
            float[] h = new float[size];
            System.arraycopy(data.features(), s * size, h, 0, size);
            for (Object step : plan) {
                if (step instanceof float[][] wb) {
                    float[] w = wb[0];
                    float[] b = wb[1];
                    int out = b.length;
                    int in = h.length;
                    float[] next = new float[out];
                    for (int o = 0; o < out; o++) {
                        double z = b[o];
                        for (int k = 0; k < in; k++) {
                            z += (double) w[o * in + k] * h[k];
                        }
                        next[o] = (float) z;
                    }
                    h = next;
                } else {
                    for (int k = 0; k < h.length; k++) {
                        h[k] = Math.max(0, h[k]);
                    }
                }
            }
            if (argmax(h) == data.labels()[s]) {
                correct++;
            }
        }
        return (double) correct / data.count();
    }

    /** The float32 tensors of a safetensors file by name. */
    static Map<String, float[]> readSafetensors(byte[] file) {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buf.getLong(0);
        JsonNode header;
        try {
            header = JSON.readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad safetensors header", e);
        }
        Map<String, float[]> out = new HashMap<>();
        header.fields().forEachRemaining(e -> {
            if (e.getKey().equals("__metadata__")) {
                return;
            }
            if (!e.getValue().path("dtype").asText().equals("F32")) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is not F32");
            }
            long begin = e.getValue().path("data_offsets").get(0).asLong();
            long end = e.getValue().path("data_offsets").get(1).asLong();
            float[] values = new float[(int) ((end - begin) / 4)];
            for (int i = 0; i < values.length; i++) {
                values[i] = buf.getFloat((int) (8 + headerLength + begin + 4L * i));
            }
            out.put(e.getKey(), values);
        });
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
