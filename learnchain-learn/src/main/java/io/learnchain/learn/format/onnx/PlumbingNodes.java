package io.learnchain.learn.format.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import io.learnchain.learn.model.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The nodes torch.onnx.export writes around the layers that compute no layer themselves: constants,
 * identities, and the shape arithmetic of {@code x.view(x.size(0), -1)} and of nn.LSTM's zero states
 * and last step (Shape, Gather, Unsqueeze, Squeeze, Concat, Reshape, Transpose, Slice,
 * ConstantOfShape, Expand, a zero Pad). Each is evaluated on what the importer knows: integers and
 * the batch size, or the axes of the data path.
 */
final class PlumbingNodes {
    private PlumbingNodes() {}

    static void constant(OnnxNode n) {
        AttributeProto a = n.proto().getAttributeCount() == 1 ? n.proto().getAttribute(0) : null;
        GraphValue v = a == null
                ? null
                : switch (a.getName()) {
                    case "value" -> OnnxTensors.read(a.getT(), "node '" + n.name() + "' (Constant)");
                    case "value_int" -> OnnxTensors.fixed(new long[] {a.getI()}, true);
                    case "value_ints" ->
                        OnnxTensors.fixed(
                                a.getIntsList().stream()
                                        .mapToLong(Long::longValue)
                                        .toArray(),
                                false);
                    case "value_float" -> new GraphValue.Floats(new long[0], new float[] {a.getF()});
                    case "value_floats" -> {
                        float[] f = new float[a.getFloatsCount()];
                        for (int i = 0; i < f.length; i++) {
                            f[i] = a.getFloats(i);
                        }
                        yield new GraphValue.Floats(new long[] {f.length}, f);
                    }
                    default -> null;
                };
        if (v == null) {
            throw n.fail("only a tensor, int(s) or float(s) value is supported");
        }
        n.output(0, v);
    }

    /** Identity, and Dropout in inference (its mask output is of no use). */
    static void identity(OnnxNode n) {
        if (n.op().equals("Dropout") && n.hasInput(2) && !isZero(n, 2)) {
            throw n.fail("training_mode true is not supported; export the model in eval() mode");
        }
        n.output(0, n.input(0));
        n.output(1, new GraphValue.Unusable("Dropout's mask"));
    }

    /** Pad with all pads 0 (what torch writes before AvgPool even when it pads nothing). */
    static void pad(OnnxNode n) {
        long[] pads = n.intsFromAttributeOrInput("pads", 1).orElse(new long[0]);
        if (Arrays.stream(pads).anyMatch(p -> p != 0)) {
            throw n.fail("pads " + Arrays.toString(pads) + " are not supported; supported: a Pad of zeros only");
        }
        n.output(0, n.input(0));
    }

    static void shape(OnnxNode n) {
        GraphValue.Activations x = n.activations(0);
        List<Extent> extents = new ArrayList<>();
        for (Axis a : x.axes()) {
            extents.add(a instanceof Axis.Batch ? new Extent.BatchSize() : new Extent.Fixed(a.length()));
        }
        int rank = extents.size();
        int start = clampAxis(n.intAttribute("start", 0), rank);
        int end = clampAxis(n.intAttribute("end", rank), rank);
        n.output(0, new GraphValue.Ints(extents.subList(start, Math.max(start, end)), false));
    }

    static void gather(OnnxNode n) {
        GraphValue.Ints index = n.ints(1, "the indices");
        long axis = n.intAttribute("axis", 0);
        switch (n.input(0)) {
            case GraphValue.Ints v -> {
                if (axis != 0 || v.scalar()) {
                    throw n.fail("a Gather of integers is supported on a vector only");
                }
                List<Extent> picked = new ArrayList<>();
                for (long i : n.fixedInts(1, "the indices")) {
                    picked.add(v.values().get(index(n, i, v.values().size())));
                }
                n.output(0, new GraphValue.Ints(picked, index.scalar()));
            }
            case GraphValue.Activations x -> {
                long[] i = n.fixedInts(1, "the index");
                int a = axis(n, axis, x.axes().size());
                if (!index.scalar() || !isLast(x.axes().get(a), i[0])) {
                    throw n.fail("picks " + Arrays.toString(i) + " on axis " + axis + " of " + x.text()
                            + "; supported: the LSTM's last step (out[:, -1] or h_n[-1])");
                }
                n.output(0, x.withAxes(without(x.axes(), a)));
            }
            case GraphValue.Floats f -> throw n.fail("a Gather of constant floats is not supported");
            case GraphValue.Zeros z -> throw n.fail("a Gather of zeros is not supported");
            case GraphValue.Normalised s -> throw new IllegalStateException("input() refuses a softmax output");
            case GraphValue.Unusable u -> throw new IllegalStateException("input() refuses unusable values");
        }
    }

    static void unsqueeze(OnnxNode n) {
        long[] axes = n.intsFromAttributeOrInput("axes", 1).orElseThrow(() -> n.fail("needs axes"));
        if (!(n.input(0) instanceof GraphValue.Ints v) || !v.scalar() || !Arrays.equals(axes, new long[] {0})) {
            throw n.fail("is supported only on a scalar integer (a shape entry), axes [0]");
        }
        n.output(0, new GraphValue.Ints(v.values(), false));
    }

    static void squeeze(OnnxNode n) {
        GraphValue.Activations x = n.activations(0);
        long[] axes = n.intsFromAttributeOrInput("axes", 1)
                .orElseThrow(() -> n.fail("without axes is not supported: name the axis to squeeze"));
        List<Axis> kept = new ArrayList<>(x.axes());
        int[] sorted = Arrays.stream(axes)
                .mapToInt(a -> axis(n, a, x.axes().size()))
                .sorted()
                .toArray();
        for (int k = sorted.length - 1; k >= 0; k--) {
            if (!(kept.get(sorted[k]) instanceof Axis.Single)) {
                throw n.fail("squeezes axis " + sorted[k] + " of " + x.text()
                        + "; supported: the LSTM's direction axis or a sliced last step");
            }
            kept.remove(sorted[k]);
        }
        n.output(0, x.withAxes(kept));
    }

    static void transpose(OnnxNode n) {
        GraphValue.Activations x = n.activations(0);
        int rank = x.axes().size();
        long[] perm = n.intsAttribute("perm").orElseGet(() -> {
            long[] reverse = new long[rank];
            for (int i = 0; i < rank; i++) {
                reverse[i] = rank - 1 - i;
            }
            return reverse;
        });
        if (perm.length != rank || Arrays.stream(perm).distinct().count() != rank) {
            throw n.fail("perm " + Arrays.toString(perm) + " is not a permutation of " + x.text());
        }
        List<Axis> permuted = new ArrayList<>();
        for (long p : perm) {
            permuted.add(x.axes().get(axis(n, p, rank)));
        }
        n.output(0, x.withAxes(permuted));
    }

    static void slice(OnnxNode n) {
        GraphValue.Activations x = n.activations(0);
        long[] starts = n.intsFromAttributeOrInput("starts", 1).orElseThrow(() -> n.fail("needs starts"));
        long[] ends = n.intsFromAttributeOrInput("ends", 2).orElseThrow(() -> n.fail("needs ends"));
        long[] axes = n.intsFromAttributeOrInput("axes", 3).orElseGet(() -> range(starts.length));
        long[] steps = n.hasInput(4) ? n.fixedInts(4, "steps") : new long[starts.length];
        List<Axis> out = new ArrayList<>(x.axes());
        for (int k = 0; k < starts.length; k++) {
            int a = axis(n, axes[k], out.size());
            Axis axis = out.get(a);
            long size = axis.length();
            long start = starts[k] < 0 ? starts[k] + size : starts[k];
            boolean unitStep = steps[k] == 0 || steps[k] == 1;
            if (unitStep && start <= 0 && ends[k] >= size && !(axis instanceof Axis.Batch)) {
                continue; // the whole axis
            }
            if (!(axis instanceof Axis.Time t) || !unitStep || start != t.steps() - 1 || ends[k] < t.steps()) {
                throw n.fail(
                        "slices axis " + a + " of " + x.text() + "; supported: the LSTM's last step (out[:, -1:])");
            }
            out.set(a, new Axis.Single());
        }
        n.output(0, x.withAxes(out));
    }

    static void concat(OnnxNode n) {
        List<Extent> joined = new ArrayList<>();
        for (int i = 0; i < n.proto().getInputCount(); i++) {
            GraphValue.Ints v = n.ints(i, "input " + i);
            if (v.scalar()) {
                throw n.fail("input " + i + " is a scalar; Concat joins vectors");
            }
            joined.addAll(v.values());
        }
        n.output(0, new GraphValue.Ints(joined, false));
    }

    /** ConstantOfShape of zero (an LSTM's initial state); other fills have no use here. */
    static void constantOfShape(OnnxNode n) {
        n.ints(0, "the shape");
        GraphValue fill = n.attribute("value")
                .map(a -> OnnxTensors.read(a.getT(), "node '" + n.name() + "' (ConstantOfShape)"))
                .orElse(new GraphValue.Floats(new long[] {1}, new float[1]));
        n.output(
                0,
                fill instanceof GraphValue.Floats f && f.allZero()
                        ? new GraphValue.Zeros()
                        : new GraphValue.Unusable("a tensor filled with a non-zero constant"));
    }

    /** Expand of zeros (an LSTM's initial state in a fixed-batch export). */
    static void expand(OnnxNode n) {
        n.ints(1, "the shape");
        boolean zero =
                n.input(0) instanceof GraphValue.Zeros || (n.input(0) instanceof GraphValue.Floats f && f.allZero());
        if (!zero) {
            throw n.fail("is supported only on zeros (an LSTM's initial state)");
        }
        n.output(0, new GraphValue.Zeros());
    }

    /**
     * Reshape of the data: a flatten to [batch, -1] ({@code x.view(x.size(0), -1)}, a flatten layer;
     * nothing when the data is already flat), which also drops an LSTM's direction axis.
     */
    static void reshape(OnnxNode n, ImportedLayers layers, boolean fixedBatch) {
        GraphValue.Activations x = n.activations(0);
        List<Extent> target = n.ints(1, "the shape").values();
        List<Axis> data =
                x.axes().stream().filter(a -> !(a instanceof Axis.Single)).toList();
        int size = Arrays.stream(x.sampleDims()).reduce(1, Math::multiplyExact);
        boolean flatten = data.getFirst() instanceof Axis.Batch
                && data.stream().noneMatch(a -> a instanceof Axis.Time)
                && target.size() == 2
                && isBatch(target.get(0), x.axes().getFirst() instanceof Axis.Batch, fixedBatch, size)
                && (isFixed(target.get(1), -1) || isFixed(target.get(1), size))
                && !(isFixed(target.get(0), -1) && isFixed(target.get(1), -1));
        if (!flatten || n.intAttribute("allowzero", 0) != 0) {
            throw n.fail("reshapes " + x.text() + " to " + text(target)
                    + "; supported: a flatten to [batch, -1] (x.view(x.size(0), -1)) or nn.Flatten()");
        }
        layers.requireLatest(n, 0, x);
        List<Axis> sampleOrder = data.subList(1, data.size());
        boolean inOrder = true;
        for (int i = 0; i < sampleOrder.size(); i++) {
            inOrder &= sampleOrder.get(i) instanceof Axis.Sample s && s.index() == i;
        }
        if (!inOrder) {
            throw n.fail("flattens " + x.text() + " in another order than the sample's; a transpose before a"
                    + " flatten is not supported");
        }
        int count = x.sampleDims().length > 1 ? layers.add(new LayerSpec.Flatten()) : x.layers();
        n.output(0, LayerNodes.flat(size, count, false));
    }

    private static boolean isBatch(Extent e, boolean batchLeads, boolean fixedBatch, int size) {
        return switch (e) {
            case Extent.BatchSize b -> true;
            case Extent.Fixed f -> f.value() == -1 || (f.value() == 0 && batchLeads) || (fixedBatch && f.value() == 1);
        };
    }

    private static boolean isFixed(Extent e, long value) {
        return e instanceof Extent.Fixed f && f.value() == value;
    }

    private static String text(List<Extent> extents) {
        return extents.stream()
                .map(e -> switch (e) {
                    case Extent.BatchSize b -> "batch";
                    case Extent.Fixed f -> Long.toString(f.value());
                })
                .toList()
                .toString();
    }

    private static boolean isLast(Axis axis, long index) {
        return switch (axis) {
            case Axis.Time t -> index == -1 || index == t.steps() - 1;
            case Axis.Single s -> index == 0 || index == -1;
            case Axis.Batch b -> false;
            case Axis.Sample s -> false;
        };
    }

    private static boolean isZero(OnnxNode n, int i) {
        return switch (n.input(i)) {
            case GraphValue.Ints v -> v.values().stream().allMatch(e -> e instanceof Extent.Fixed f && f.value() == 0);
            case GraphValue.Floats f -> f.allZero();
            case GraphValue.Zeros z -> true;
            case GraphValue.Activations a -> false;
            case GraphValue.Normalised s -> false;
            case GraphValue.Unusable u -> false;
        };
    }

    private static List<Axis> without(List<Axis> axes, int a) {
        List<Axis> out = new ArrayList<>(axes);
        out.remove(a);
        return out;
    }

    private static int axis(OnnxNode n, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw n.fail("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static int index(OnnxNode n, long i, int size) {
        long k = i < 0 ? i + size : i;
        if (k < 0 || k >= size) {
            throw n.fail("index " + i + " is out of range for " + size + " entries");
        }
        return (int) k;
    }

    private static int clampAxis(long a, int rank) {
        long k = a < 0 ? a + rank : a;
        return (int) Math.max(0, Math.min(rank, k));
    }

    private static long[] range(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
