package io.learnchain.learn.format.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of the graph while it is imported: its inputs as graph values, its attributes, and
 * errors that name it ("node '/0/Conv' (Conv): ...").
 */
final class OnnxNode {
    private final NodeProto proto;
    private final Map<String, GraphValue> values;

    OnnxNode(NodeProto proto, Map<String, GraphValue> values) {
        this.proto = proto;
        this.values = values;
    }

    String op() {
        return proto.getOpType();
    }

    /** The node's name, or its first output's when it has none. */
    String name() {
        if (!proto.getName().isEmpty()) {
            return proto.getName();
        }
        return proto.getOutputCount() > 0 ? proto.getOutput(0) : "?";
    }

    /** An error about this node: "node 'NAME' (OP): problem". */
    OnnxImportException fail(String problem) {
        return new OnnxImportException("node '" + name() + "' (" + op() + "): " + problem);
    }

    /** The node's operator is not one the engine takes: "node 'NAME' (OP) is not supported; supported: ...". */
    OnnxImportException unsupported(String supported) {
        return new OnnxImportException(
                "node '" + name() + "' (" + op() + ") is not supported; supported: " + supported);
    }

    boolean hasInput(int i) {
        return i < proto.getInputCount() && !proto.getInput(i).isEmpty();
    }

    GraphValue input(int i) {
        if (!hasInput(i)) {
            throw fail("needs input " + i);
        }
        GraphValue v = values.get(proto.getInput(i));
        if (v == null) {
            throw fail("reads '" + proto.getInput(i) + "', which no earlier node, initializer or graph input defines"
                    + " (the nodes must be in topological order)");
        }
        if (v instanceof GraphValue.Unusable u) {
            throw fail("reads '" + proto.getInput(i) + "', " + u.what() + ", which the engine has no counterpart for");
        }
        if (v instanceof GraphValue.Normalised n) {
            throw fail("reads the output of a " + n.op() + ": a Softmax or LogSoftmax is supported only as the"
                    + " graph's last node (the engine outputs logits)");
        }
        return v;
    }

    String inputName(int i) {
        return proto.getInput(i);
    }

    /** Input i as the data path; fails when it is a constant or a shape. */
    GraphValue.Activations activations(int i) {
        if (input(i) instanceof GraphValue.Activations a) {
            return a;
        }
        throw fail("input " + i + " ('" + inputName(i) + "') must be the model's data, not a constant");
    }

    /** Input i as float32 weights with this many dimensions. */
    GraphValue.Floats weights(int i, String what, int rank) {
        if (input(i) instanceof GraphValue.Floats f && f.dims().length == rank) {
            return f;
        }
        throw fail(what + " ('" + inputName(i) + "') must be a float32 initializer of rank " + rank
                + " (export with export_params=True)");
    }

    /** Input i as integers known at import time (a constant or a shape computation). */
    GraphValue.Ints ints(int i, String what) {
        if (input(i) instanceof GraphValue.Ints v) {
            return v;
        }
        throw fail(what + " ('" + inputName(i) + "') must be integers known at import time");
    }

    /** Input i as known integers: a constant, or a shape entry that is not the batch size. */
    long[] fixedInts(int i, String what) {
        GraphValue.Ints v = ints(i, what);
        long[] out = new long[v.values().size()];
        for (int k = 0; k < out.length; k++) {
            if (!(v.values().get(k) instanceof Extent.Fixed f)) {
                throw fail(what + " must not depend on the batch size");
            }
            out[k] = f.value();
        }
        return out;
    }

    /** The integers of attribute {@code name}, or of input {@code index} (newer opsets moved some there). */
    Optional<long[]> intsFromAttributeOrInput(String name, int index) {
        Optional<AttributeProto> a = attribute(name);
        if (a.isPresent()) {
            return Optional.of(
                    a.get().getIntsList().stream().mapToLong(Long::longValue).toArray());
        }
        return hasInput(index) ? Optional.of(fixedInts(index, name)) : Optional.empty();
    }

    Optional<AttributeProto> attribute(String name) {
        return proto.getAttributeList().stream()
                .filter(a -> a.getName().equals(name))
                .findFirst();
    }

    long intAttribute(String name, long absent) {
        return attribute(name).map(AttributeProto::getI).orElse(absent);
    }

    float floatAttribute(String name, float absent) {
        return attribute(name).map(AttributeProto::getF).orElse(absent);
    }

    String stringAttribute(String name, String absent) {
        return attribute(name).map(a -> a.getS().toStringUtf8()).orElse(absent);
    }

    Optional<long[]> intsAttribute(String name) {
        return attribute(name)
                .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray());
    }

    List<String> stringsAttribute(String name) {
        return attribute(name)
                .map(a -> a.getStringsList().stream().map(s -> s.toStringUtf8()).toList())
                .orElse(List.of());
    }

    /** Fails when any attribute outside {@code known} is set (so nothing the engine ignores slips through). */
    void onlyAttributes(String supported, String... known) {
        List<String> names = Arrays.asList(known);
        for (AttributeProto a : proto.getAttributeList()) {
            if (!names.contains(a.getName())) {
                throw fail("attribute '" + a.getName() + "' is not supported; supported: " + supported);
            }
        }
    }

    int outputCount() {
        return proto.getOutputCount();
    }

    boolean hasOutput(int i) {
        return i < proto.getOutputCount() && !proto.getOutput(i).isEmpty();
    }

    /** Binds output i (when the node names it) to {@code value}. */
    void output(int i, GraphValue value) {
        if (hasOutput(i)) {
            values.put(proto.getOutput(i), value);
        }
    }

    NodeProto proto() {
        return proto;
    }
}
