package io.learnchain.learn.format.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an ONNX model, as {@code torch.onnx.export} writes an {@code nn.Sequential} of Linear,
 * Conv2d, MaxPool2d, ReLU/Tanh/Sigmoid, Flatten and an LSTM (reading its last step), into the
 * engine's model: the spec and the graph's weights in the engine's layout. The graph is walked in
 * order: each layer node appends one engine layer, the shape plumbing around them is evaluated on
 * what is known at import time (see {@link PlumbingNodes}), and anything else is refused in one line
 * that names the node, its operator and what is supported. Pure: bytes in, model out.
 */
public final class OnnxImporter {
    /** The operators the importer takes, for error messages and the docs. */
    public static final String SUPPORTED = "Gemm, MatMul (+ its bias Add), Conv, MaxPool, Relu, Tanh, Sigmoid,"
            + " Flatten, LSTM, a final Softmax/LogSoftmax (dropped), and the plumbing torch.onnx.export writes"
            + " around them (Constant, Identity, Dropout, Shape, Gather, Unsqueeze, Squeeze, Concat, Reshape,"
            + " Transpose, Slice, ConstantOfShape, Expand, a zero Pad)";

    private static final Set<String> DEFAULT_DOMAINS = Set.of("", "ai.onnx");

    private OnnxImporter() {}

    /** The engine model of an ONNX file's bytes, or an {@link OnnxImportException} in one line. */
    public static OnnxImport read(byte[] onnx) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("not an ONNX model (the protobuf does not parse: " + e.getMessage() + ")");
        }
        if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) {
            throw new OnnxImportException("not an ONNX model: it holds no graph (is this an .onnx file?)");
        }
        for (OperatorSetIdProto opset : proto.getOpsetImportList()) {
            if (!DEFAULT_DOMAINS.contains(opset.getDomain())) {
                throw new OnnxImportException("the model uses the operator domain '" + opset.getDomain()
                        + "'; supported: the default ONNX domain");
            }
        }
        return walk(proto.getGraph());
    }

    private static OnnxImport walk(GraphProto graph) {
        Map<String, GraphValue> values = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), OnnxTensors.read(t, "initializer '" + t.getName() + "'"));
        }
        ValueInfoProto input = dataInput(graph, values.keySet());
        int[] sample = sampleDims(input);
        boolean fixedBatch =
                input.getType().getTensorType().getShape().getDim(0).getDimValue() == 1;
        values.put(input.getName(), GraphValue.Activations.of(sample, 0));
        ImportedLayers layers = new ImportedLayers();
        for (NodeProto node : graph.getNodeList()) {
            OnnxNode n = new OnnxNode(node, values);
            if (!DEFAULT_DOMAINS.contains(node.getDomain())) {
                throw n.unsupported("the default ONNX domain's " + SUPPORTED);
            }
            apply(n, layers, fixedBatch);
        }
        List<String> notes = new ArrayList<>();
        GraphValue.Activations logits = output(graph, values, layers, notes);
        if (logits.sampleDims().length != 1) {
            throw new OnnxImportException("the graph's output is " + logits.text()
                    + " but a model must end flat, [batch, outputs]: add nn.Flatten() and nn.Linear");
        }
        return new OnnxImport(layers.model(Shape.of(sample)), notes);
    }

    private static void apply(OnnxNode n, ImportedLayers layers, boolean fixedBatch) {
        switch (n.op()) {
            case "Gemm" -> LayerNodes.gemm(n, layers);
            case "MatMul" -> LayerNodes.matMul(n, layers);
            case "Add" -> LayerNodes.add(n, layers);
            case "Conv" -> LayerNodes.conv(n, layers);
            case "MaxPool" -> LayerNodes.maxPool(n, layers);
            case "Relu" -> LayerNodes.activation(n, layers, new LayerSpec.Relu());
            case "Tanh" -> LayerNodes.activation(n, layers, new LayerSpec.Tanh());
            case "Sigmoid" -> LayerNodes.activation(n, layers, new LayerSpec.Sigmoid());
            case "Flatten" -> LayerNodes.flatten(n, layers);
            case "Softmax", "LogSoftmax" -> LayerNodes.softmax(n, layers);
            case "LSTM" -> LstmNode.lstm(n, layers);
            case "Constant" -> PlumbingNodes.constant(n);
            case "Identity", "Dropout" -> PlumbingNodes.identity(n);
            case "Pad" -> PlumbingNodes.pad(n);
            case "Shape" -> PlumbingNodes.shape(n);
            case "Gather" -> PlumbingNodes.gather(n);
            case "Unsqueeze" -> PlumbingNodes.unsqueeze(n);
            case "Squeeze" -> PlumbingNodes.squeeze(n);
            case "Concat" -> PlumbingNodes.concat(n);
            case "Reshape" -> PlumbingNodes.reshape(n, layers, fixedBatch);
            case "Transpose" -> PlumbingNodes.transpose(n);
            case "Slice" -> PlumbingNodes.slice(n);
            case "ConstantOfShape" -> PlumbingNodes.constantOfShape(n);
            case "Expand" -> PlumbingNodes.expand(n);
            default -> throw n.unsupported(SUPPORTED);
        }
    }

    /** The one graph input that is not an initializer: the data, [batch, ...sample]. */
    private static ValueInfoProto dataInput(GraphProto graph, Set<String> initializers) {
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !initializers.contains(i.getName()))
                .toList();
        if (inputs.size() != 1) {
            throw new OnnxImportException("the graph has " + inputs.size() + " inputs ("
                    + inputs.stream().map(ValueInfoProto::getName).collect(Collectors.joining(", "))
                    + "); supported: one input, the data [batch, ...] (weights as initializers)");
        }
        ValueInfoProto input = inputs.getFirst();
        if (!input.getType().hasTensorType()
                || input.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new OnnxImportException("the graph input '" + input.getName() + "' is not a float32 tensor");
        }
        return input;
    }

    /** The sample shape: the input's dimensions after the batch, each a fixed number. */
    private static int[] sampleDims(ValueInfoProto input) {
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        int rank = shape.getDimCount();
        String name = "the graph input '" + input.getName() + "'";
        if (rank < 2 || rank > 5) {
            throw new OnnxImportException(
                    name + " has rank " + rank + "; supported: [batch, ...] with 1 to 4" + " sample dimensions");
        }
        TensorShapeProto.Dimension batch = shape.getDim(0);
        if (batch.hasDimValue() && batch.getDimValue() != 1) {
            throw new OnnxImportException(name + " starts with " + batch.getDimValue() + "; supported: the batch"
                    + " first, symbolic or 1 (nn.LSTM needs batch_first=True)");
        }
        int[] dims = new int[rank - 1];
        for (int i = 1; i < rank; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > 1 << 24) {
                throw new OnnxImportException(name + " has dimension " + i + " '"
                        + (d.hasDimParam() ? d.getDimParam() : "?") + "'; the engine needs a fixed sample shape"
                        + " (only the batch dimension may be dynamic)");
            }
            dims[i - 1] = (int) d.getDimValue();
        }
        return dims;
    }

    /** The graph's one output: the last layer's flat output (a final softmax dropped, and said so). */
    private static GraphValue.Activations output(
            GraphProto graph, Map<String, GraphValue> values, ImportedLayers layers, List<String> notes) {
        if (graph.getOutputCount() != 1) {
            throw new OnnxImportException(
                    "the graph has " + graph.getOutputCount() + " outputs; supported: one, the logits");
        }
        String name = graph.getOutput(0).getName();
        GraphValue.Activations logits = switch (values.get(name)) {
            case GraphValue.Activations a -> a;
            case GraphValue.Normalised s -> {
                notes.add("dropped the final " + s.op() + ": the engine's model outputs the logits before it"
                        + " (the same argmax)");
                yield s.logits();
            }
            case null -> throw new OnnxImportException("the graph output '" + name + "' is never computed");
            case GraphValue.Floats f -> throw notData(name);
            case GraphValue.Ints i -> throw notData(name);
            case GraphValue.Zeros z -> throw notData(name);
            case GraphValue.Unusable u ->
                throw new OnnxImportException(
                        "the graph output '" + name + "' is " + u.what() + "; supported: the logits of the last layer");
        };
        if (logits.layers() != layers.count() || !logits.canonical()) {
            throw new OnnxImportException("the graph output '" + name + "' is " + logits.text() + " after layer "
                    + logits.layers() + " of " + layers.count() + "; supported: the last layer's output [batch,"
                    + " outputs]");
        }
        return logits;
    }

    private static OnnxImportException notData(String name) {
        return new OnnxImportException("the graph output '" + name + "' is a constant, not the model's output");
    }
}
