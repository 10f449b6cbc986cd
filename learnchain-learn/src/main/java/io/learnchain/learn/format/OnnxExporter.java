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
import java.util.Optional;

/**
 * Exports a model to ONNX (opset 17): input {@code input} of shape [batch, ...sample shape], output
 * {@code logits} [batch, outputs]. Dense layers become Gemm, conv2d Conv, maxpool MaxPool, flatten
 * Flatten, activations Relu/Tanh/Sigmoid, and an LSTM the ONNX LSTM operator (the sequence
 * transposed to [steps, batch, features], gates reordered from the engine's i, f, g, o to ONNX's
 * i, o, f, c, the last hidden state reshaped to [batch, hidden]). Weights are initializers named
 * as in {@link TorchTensors}; the metadata carries the spec text and the model hash. With an
 * {@link InputProjection} the graph reads raw samples [batch, height x width] instead and computes
 * the model's input from them ({@link #export(Model, InputProjection)}).
 */
public final class OnnxExporter {
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final int OPSET = 17;
    private static final long IR_VERSION = 8;

    /** Metadata key of an export with an input projection: what the graph's input is. */
    public static final String PROJECTION_KEY = "learnchain.input_projection";

    private OnnxExporter() {}

    public static byte[] export(Model model) {
        return toProto(model).toByteArray();
    }

    /**
     * The model behind {@code projection}: input {@code input} is [batch, height x width] raw
     * values (the requester's samples), the graph pools, quantizes and projects them to the model's
     * k inputs as the chain does, then runs the model. The model must read k values.
     */
    public static byte[] export(Model model, InputProjection projection) {
        return toProto(model, Optional.of(projection)).toByteArray();
    }

    public static ModelProto toProto(Model model) {
        return toProto(model, Optional.empty());
    }

    private static ModelProto toProto(Model model, Optional<InputProjection> projection) {
        ModelLayout layout = model.spec().layout();
        List<LayerSpec> layers = model.spec().layers();
        int[] first = layout.firstTensorOfLayer();
        GraphProto.Builder g = GraphProto.newBuilder().setName("learnchain");
        String cur = INPUT;
        if (projection.isPresent()) {
            g.addInput(valueInfo(INPUT, Shape.of(projection.get().inputSize())));
            cur = addProjection(g, projection.get(), layout.input());
        } else {
            g.addInput(valueInfo(INPUT, layout.input()));
        }
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
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("learnchain")
                .setProducerVersion("1")
                .setDocString(model.spec().text())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(prop(ModelSafetensors.SPEC_KEY, model.spec().text()))
                .addMetadataProps(prop(ModelSafetensors.HASH_KEY, model.hash().toHex()));
        projection.ifPresent(p -> m.addMetadataProps(prop(PROJECTION_KEY, describe(p))));
        return m.setGraph(g).build();
    }

    private static String describe(InputProjection p) {
        return "input is " + p.height() + "x" + p.width() + " raw values in [0, 1] a sample, flat; the graph sums "
                + p.pool() + "x" + p.pool() + " blocks, rounds sum x " + p.levels() + " / " + p.pool() * p.pool()
                + " half up to 0.." + p.levels() + ", projects onto " + p.features() + " integer rows and scales by "
                + p.scale() + " before the model " + "(a private task's round projection)";
    }

    /**
     * The nodes of {@code p} from {@link #INPUT} to the model's input; returns the name of their
     * output. The block sum adds the pool^2 values in the chain's order (row by row), so the sums
     * and the levels are those of {@code InputQuantizer.quantize}, bit for bit; the projection of
     * integers by integer rows is exact in float (|sum| below 2^24), and the last Mul is the chain's
     * one rounding.
     */
    private static String addProjection(GraphProto.Builder g, InputProjection p, Shape modelInput) {
        if (modelInput.size() != p.features()) {
            throw new IllegalArgumentException("the model reads " + modelInput.size() + " values, the input projection"
                    + " gives " + p.features());
        }
        int pool = p.pool();
        int outH = p.height() / pool;
        int outW = p.width() / pool;
        int n = p.dimension();
        g.addInitializer(longs("projection.blocks_shape", -1, outH, pool, outW, pool));
        g.addInitializer(longs("projection.cells_shape", -1, n, (long) pool * pool));
        g.addNode(op("Reshape", "projection.blocks", INPUT, "projection.blocks_shape"));
        g.addNode(op("Transpose", "projection.ordered", "projection.blocks").toBuilder()
                .addAttribute(ints("perm", 0, 1, 3, 2, 4)));
        g.addNode(op("Reshape", "projection.cells", "projection.ordered", "projection.cells_shape"));
        String sum = null;
        for (int t = 0; t < pool * pool; t++) {
            String index = "projection.cell" + t + "_index";
            String cell = "projection.cell" + t;
            g.addInitializer(scalarLong(index, t));
            g.addNode(op("Gather", cell, "projection.cells", index).toBuilder()
                    .addAttribute(AttributeProto.newBuilder()
                            .setName("axis")
                            .setType(AttributeProto.AttributeType.INT)
                            .setI(2)));
            if (sum == null) {
                sum = cell;
            } else {
                String next = "projection.sum" + t;
                g.addNode(op("Add", next, sum, cell));
                sum = next;
            }
        }
        // InputQuantizer: Math.round(sum * ((float) levels / pool^2)), clamped to 0..levels
        g.addInitializer(scalar("projection.level_scale", (float) p.levels() / (pool * pool)));
        g.addInitializer(scalar("projection.half", 0.5f));
        g.addInitializer(scalar("projection.min", 0f));
        g.addInitializer(scalar("projection.max", p.levels()));
        g.addNode(op("Mul", "projection.scaled", sum, "projection.level_scale"));
        g.addNode(op("Add", "projection.shifted", "projection.scaled", "projection.half"));
        g.addNode(op("Floor", "projection.rounded", "projection.shifted"));
        g.addNode(op("Clip", "projection.levels", "projection.rounded", "projection.min", "projection.max"));
        // ProjectionSpec: <x, y_j> for each row j, times the feature scale
        int[][] rows = p.rows();
        float[] weights = new float[n * rows.length];
        for (int j = 0; j < rows.length; j++) {
            for (int i = 0; i < n; i++) {
                weights[i * rows.length + j] = rows[j][i];
            }
        }
        g.addInitializer(tensor("projection.rows", weights, n, rows.length));
        g.addInitializer(scalar("projection.feature_scale", p.scale()));
        g.addNode(op("MatMul", "projection.projected", "projection.levels", "projection.rows"));
        String features = "projection.features";
        g.addNode(op("Mul", features, "projection.projected", "projection.feature_scale"));
        if (modelInput.dims().length == 1) {
            return features;
        }
        long[] shape = new long[modelInput.dims().length + 1];
        shape[0] = -1;
        for (int d = 0; d < modelInput.dims().length; d++) {
            shape[d + 1] = modelInput.dims()[d];
        }
        g.addInitializer(longs("projection.input_shape", shape));
        g.addNode(op("Reshape", "projection.input", features, "projection.input_shape"));
        return "projection.input";
    }

    private static NodeProto op(String type, String out, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(type).setName(out);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.addOutput(out).build();
    }

    private static TensorProto scalar(String name, float value) {
        return tensor(name, new float[] {value});
    }

    private static TensorProto scalarLong(String name, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber())
                .setRawData(ByteString.copyFrom(b.array()))
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
