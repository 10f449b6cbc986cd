package io.learnchain.learn.format.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX tensors (initializers, Constant values) as graph values: float32 tensors become
 * {@link GraphValue.Floats}, int64 and int32 scalars and vectors {@link GraphValue.Ints}. The values
 * come from {@code raw_data} (little-endian) or the typed repeated fields, as the format allows.
 */
final class OnnxTensors {
    private static final int MAX_VALUES = 1 << 28;

    private OnnxTensors() {}

    /** The graph value of {@code t}; {@code where} names it in errors ("initializer '0.weight'"). */
    static GraphValue read(TensorProto t, String where) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new OnnxImportException(where + " keeps its data in an external file, which is not supported:"
                    + " export with the weights inside the .onnx file");
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count = count(dims, where);
        return switch (TensorProto.DataType.forNumber(t.getDataType())) {
            case FLOAT -> new GraphValue.Floats(dims, floats(t, count, where));
            case INT64, INT32 -> ints(t, dims, count, where);
            case null, default ->
                new GraphValue.Unusable(where + " of element type "
                        + TensorProto.DataType.forNumber(t.getDataType())
                        + " (the engine takes float32 weights and int64 shapes)");
        };
    }

    private static int count(long[] dims, String where) {
        long n = 1;
        for (long d : dims) {
            if (d < 0 || (d > 0 && n > MAX_VALUES / d)) {
                throw new OnnxImportException(where + " has an impossible shape " + java.util.Arrays.toString(dims));
            }
            n *= d;
        }
        return (int) n;
    }

    private static float[] floats(TensorProto t, int count, String where) {
        float[] out = new float[count];
        ByteString raw = t.getRawData();
        if (!raw.isEmpty()) {
            requireLength(raw.size(), 4L * count, where);
            raw.asReadOnlyByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(out);
            return out;
        }
        requireLength(t.getFloatDataCount(), count, where);
        for (int i = 0; i < count; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    private static GraphValue ints(TensorProto t, long[] dims, int count, String where) {
        if (dims.length > 1) {
            return new GraphValue.Unusable(where + ", an integer tensor of rank " + dims.length);
        }
        boolean int64 = t.getDataType() == TensorProto.DataType.INT64.getNumber();
        long[] values = new long[count];
        ByteString raw = t.getRawData();
        if (!raw.isEmpty()) {
            requireLength(raw.size(), (int64 ? 8L : 4L) * count, where);
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                values[i] = int64 ? b.getLong() : b.getInt();
            }
        } else {
            requireLength(int64 ? t.getInt64DataCount() : t.getInt32DataCount(), count, where);
            for (int i = 0; i < count; i++) {
                values[i] = int64 ? t.getInt64Data(i) : t.getInt32Data(i);
            }
        }
        return fixed(values, dims.length == 0);
    }

    static GraphValue.Ints fixed(long[] values, boolean scalar) {
        List<Extent> extents = new ArrayList<>(values.length);
        for (long v : values) {
            extents.add(new Extent.Fixed(v));
        }
        return new GraphValue.Ints(extents, scalar);
    }

    private static void requireLength(long actual, long expected, String where) {
        if (actual != expected) {
            throw new OnnxImportException(
                    where + " holds " + actual + " values (or bytes) where its shape needs " + expected);
        }
    }
}
