package io.learnchain.learn.format;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelLayout;
import io.learnchain.learn.model.Shape;
import io.learnchain.learn.model.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * Exports a model to ONNX (opset 17): input {@code input} of shape [batch, ...sample shape], output
 * {@code logits} [batch, outputs]. Dense layers become Gemm, conv2d Conv, maxpool MaxPool, flatten
 * Flatten, activations Relu/Tanh/Sigmoid, and an LSTM the ONNX LSTM operator (the sequence
 * transposed to [steps, batch, features], gates reordered from the engine's i, f, g, o to ONNX's
 * i, o, f, c, the last hidden state reshaped to [batch, hidden]). Weights are initializers named
 * as in {@link TorchTensors}; the metadata carries the spec text and the model hash.
 */
public final class OnnxExporter {
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final int OPSET = 17;
    private static final long IR_VERSION = 8;

    private OnnxExporter() {}

    public static byte[] export(Model model) {
        return toProto(model).toByteArray();
    }

    public static ModelProto toProto(Model model) {
        ModelLayout layout = model.spec().layout();
        List<LayerSpec> layers = model.spec().layers();
        int[] first = layout.firstTensorOfLayer();
        GraphProto.Builder g = GraphProto.newBuilder().setName("learnchain");
        g.addInput(valueInfo(INPUT, layout.input()));
        String cur = INPUT;
        for (int i = 0; i < layers.size(); i++) {
            String out = i == layers.size() - 1 ? OUTPUT : "h" + i;
            Shape inShape = layout.shapes().get(i);
            switch (layers.get(i)) {
                case LayerSpec.Dense d -> {
                    TensorSpec w = layout.tensors().get(first[i]);
                    TensorSpec b = layout.tensors().get(first[i] + 1);
                    g.addInitializer(tensor(i + ".weight", model.tensor(w), inShape.dim(0), d.units()));
                    g.addInitializer(tensor(i + ".bias", model.tensor(b), d.units()));
                    g.addNode(node("Gemm", i, out, cur, i + ".weight", i + ".bias"));
                }
                case LayerSpec.Conv2d c -> {
                    TensorSpec w = layout.tensors().get(first[i]);
                    TensorSpec b = layout.tensors().get(first[i] + 1);
                    g.addInitializer(tensor(
                            i + ".weight", model.tensor(w), c.filters(), inShape.dim(0), c.kernel(), c.kernel()));
                    g.addInitializer(tensor(i + ".bias", model.tensor(b), c.filters()));
                    g.addNode(node("Conv", i, out, cur, i + ".weight", i + ".bias").toBuilder()
                            .addAttribute(ints("kernel_shape", c.kernel(), c.kernel()))
                            .addAttribute(ints("strides", c.stride(), c.stride()))
                            .addAttribute(ints("pads", c.padding(), c.padding(), c.padding(), c.padding())));
                }
                case LayerSpec.MaxPool2d p ->
                    g.addNode(node("MaxPool", i, out, cur).toBuilder()
                            .addAttribute(ints("kernel_shape", p.size(), p.size()))
                            .addAttribute(ints("strides", p.stride(), p.stride())));
                case LayerSpec.Flatten f ->
                    g.addNode(node("Flatten", i, out, cur).toBuilder()
                            .addAttribute(AttributeProto.newBuilder()
                                    .setName("axis")
                                    .setType(AttributeProto.AttributeType.INT)
                                    .setI(1)));
                case LayerSpec.Relu r -> g.addNode(node("Relu", i, out, cur));
                case LayerSpec.Tanh t -> g.addNode(node("Tanh", i, out, cur));
                case LayerSpec.Sigmoid s -> g.addNode(node("Sigmoid", i, out, cur));
                case LayerSpec.Lstm l -> addLstm(g, model, layout, i, l.hidden(), inShape, cur, out);
            }
            cur = out;
        }
        g.addOutput(valueInfo(OUTPUT, layout.output()));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("learnchain")
                .setProducerVersion("1")
                .setDocString(model.spec().text())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(prop(ModelSafetensors.SPEC_KEY, model.spec().text()))
                .addMetadataProps(prop(ModelSafetensors.HASH_KEY, model.hash().toHex()))
                .setGraph(g)
                .build();
    }

    /** Engine gate blocks (i, f, g, o) in ONNX order (i, o, f, c). */
    private static final int[] ONNX_GATE_FROM_ENGINE = {0, 3, 1, 2};

    private static void addLstm(
            GraphProto.Builder g,
            Model model,
            ModelLayout layout,
            int i,
            int h,
            Shape inShape,
            String cur,
            String out) {
        int features = inShape.dim(1);
        int g4 = 4 * h;
        float[] wx = model.tensor(layout.tensors().get(layout.firstTensorOfLayer()[i]));
        float[] wh = model.tensor(layout.tensors().get(layout.firstTensorOfLayer()[i] + 1));
        float[] bias = model.tensor(layout.tensors().get(layout.firstTensorOfLayer()[i] + 2));
        float[] w = gatesToOnnx(wx, features, h);
        float[] r = gatesToOnnx(wh, h, h);
        float[] b = new float[2 * g4];
        for (int gate = 0; gate < 4; gate++) {
            System.arraycopy(bias, ONNX_GATE_FROM_ENGINE[gate] * h, b, gate * h, h);
        }
        g.addInitializer(tensor(i + ".W", w, 1, g4, features));
        g.addInitializer(tensor(i + ".R", r, 1, g4, h));
        g.addInitializer(tensor(i + ".B", b, 1, 2 * g4));
        g.addInitializer(longs(i + ".shape", -1, h));
        String seq = "h" + i + ".seq";
        g.addNode(NodeProto.newBuilder()
                .setOpType("Transpose")
                .setName(i + ".transpose")
                .addInput(cur)
                .addOutput(seq)
                .addAttribute(ints("perm", 1, 0, 2)));
        String yh = "h" + i + ".yh";
        g.addNode(NodeProto.newBuilder()
                .setOpType("LSTM")
                .setName(i + ".lstm")
                .addInput(seq)
                .addInput(i + ".W")
                .addInput(i + ".R")
                .addInput(i + ".B")
                .addOutput("")
                .addOutput(yh)
                .addAttribute(AttributeProto.newBuilder()
                        .setName("hidden_size")
                        .setType(AttributeProto.AttributeType.INT)
                        .setI(h)));
        g.addNode(NodeProto.newBuilder()
                .setOpType("Reshape")
                .setName(i + ".reshape")
                .addInput(yh)
                .addInput(i + ".shape")
                .addOutput(out));
    }

    /** Engine weights [rows x 4h] (gate blocks i, f, g, o) to ONNX [4h x rows] in gate order i, o, f, c. */
    private static float[] gatesToOnnx(float[] engine, int rows, int h) {
        float[] out = new float[engine.length];
        for (int gate = 0; gate < 4; gate++) {
            int src = ONNX_GATE_FROM_ENGINE[gate] * h;
            for (int u = 0; u < h; u++) {
                for (int k = 0; k < rows; k++) {
                    out[(gate * h + u) * rows + k] = engine[k * 4 * h + src + u];
                }
            }
        }
        return out;
    }

    private static NodeProto node(String op, int layer, String out, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(layer + "." + op.toLowerCase(Locale.ROOT));
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.addOutput(out).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static TensorProto tensor(String name, float[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        TensorProto.Builder t =
                TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t.setRawData(ByteString.copyFrom(b.array())).build();
    }

    private static TensorProto longs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length)
                .setRawData(ByteString.copyFrom(b.array()))
                .build();
    }

    private static ValueInfoProto valueInfo(String name, Shape sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : sample.dims()) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                                .setShape(shape)))
                .build();
    }

    private static StringStringEntryProto prop(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
