package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.learnchain.learn.format.onnx.OnnxImport;
import io.learnchain.learn.format.onnx.OnnxImportException;
import io.learnchain.learn.format.onnx.OnnxImporter;
import org.junit.jupiter.api.Test;

/** Hand-built graphs for what torch does not write for an nn.Sequential: MatMul + Add, a skip connection, a 2nd input. */
class OnnxGraphsTest {
    private static final float[] W = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // [4, 3]
    private static final float[] B = {0.5f, -1, 2};

    @Test
    void matMulAndItsBiasAddAreOneDenseLayer() {
        GraphProto.Builder g = graph(4).addNode(node("MatMul", "mm", "h", "input", "w"))
                .addNode(node("Add", "bias", "logits", "h", "b"));
        OnnxImport imported = OnnxImporter.read(model(g));
        assertThat(imported.spec().text()).isEqualTo("input 4 | dense 3");
        float[] expected = new float[15];
        System.arraycopy(W, 0, expected, 0, 12); // MatMul's [in, units] is the engine's dense layout
        System.arraycopy(B, 0, expected, 12, 3);
        assertThat(imported.model().parameters()).containsExactly(expected);
    }

    @Test
    void refusesASkipConnection() {
        GraphProto.Builder g = graph(4).addNode(node("MatMul", "mm", "h", "input", "w"))
                .addNode(node("Relu", "act", "r", "h"))
                .addNode(node("Add", "residual", "logits", "r", "h"));
        assertThatThrownBy(() -> OnnxImporter.read(model(g)))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith("node 'residual' (Add): ")
                .hasMessageContaining("only a chain of layers");
    }

    @Test
    void refusesASecondDataInput() {
        GraphProto.Builder g =
                graph(4).addInput(floatInput("mask", 4)).addNode(node("MatMul", "mm", "logits", "input", "w"));
        assertThatThrownBy(() -> OnnxImporter.read(model(g)))
                .isInstanceOf(OnnxImportException.class)
                .hasMessage("the graph has 2 inputs (input, mask); supported: one input, the data [batch, ...]"
                        + " (weights as initializers)");
    }

    private static GraphProto.Builder graph(int features) {
        return GraphProto.newBuilder()
                .setName("hand-built")
                .addInput(floatInput("input", features))
                .addOutput(ValueInfoProto.newBuilder().setName("logits"))
                .addInitializer(floats("w", W, 4, 3))
                .addInitializer(floats("b", B, 3));
    }

    private static ValueInfoProto floatInput(String name, int features) {
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                                .setShape(TensorShapeProto.newBuilder()
                                        .addDim(TensorShapeProto.Dimension.newBuilder()
                                                .setDimParam("batch"))
                                        .addDim(TensorShapeProto.Dimension.newBuilder()
                                                .setDimValue(features)))))
                .build();
    }

    private static NodeProto node(String op, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder t =
                TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static byte[] model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray();
    }
}
