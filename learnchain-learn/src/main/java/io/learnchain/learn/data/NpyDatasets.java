package io.learnchain.learn.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Labelled data sets from NumPy arrays: features X of shape [N, ...] and integer labels Y of shape
 * [N] (or [N, 1]). A sample is X's shape after N: [N, D] gives samples of [D], [N, H, W] gives
 * [1, H, W] (one channel, as the IDX images), [N, C, H, W] gives [C, H, W] (channels first, as PyTorch
 * lays them out). Unsigned-byte features are pixels and become value / 255 in [0, 1], as the IDX
 * reader and torchvision's ToTensor do; other dtypes are taken as they are (float32 after rounding
 * from float64), and must be finite. Labels run from 0; the class count is max(label) + 1 (at least 2)
 * unless given.
 */
public final class NpyDatasets {
    /** Largest total of uncompressed bytes read out of one .npz (2 GiB, the largest Java array). */
    static final long MAX_NPZ_BYTES = Integer.MAX_VALUE - 8L;

    private NpyDatasets() {}

    public static Dataset of(String name, NpyArray x, NpyArray y, int classes) {
        int[] xs = x.shape();
        int[] ys = y.shape();
        if (xs.length < 2) {
            throw new MalformedDatasetException(
                    x.source(), "features have shape " + Arrays.toString(xs) + "; they need [samples, features...]");
        }
        if (!(ys.length == 1 || ys.length == 2 && ys[1] == 1)) {
            throw new MalformedDatasetException(
                    y.source(),
                    "labels have shape " + Arrays.toString(ys) + "; they need [samples] (one class index each)");
        }
        int n = xs[0];
        if (ys[0] != n) {
            throw new MalformedDatasetException(y.source(), ys[0] + " labels for " + n + " samples in " + x.source());
        }
        if (!y.isInteger()) {
            throw new MalformedDatasetException(
                    y.source(), "labels are floats; save them as integers" + " (a.astype(numpy.int64))");
        }
        int[] sample = xs.length == 3 ? new int[] {1, xs[1], xs[2]} : Arrays.copyOfRange(xs, 1, xs.length);
        int[] labels = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            double v = y.get(i);
            if (v < 0 || v > Integer.MAX_VALUE - 1 || classes > 0 && v >= classes) {
                throw new MalformedDatasetException(
                        y.source(),
                        "label " + (long) v + " of sample " + i + " is outside [0, " + (classes > 0 ? classes : "2^31")
                                + ")");
            }
            labels[i] = (int) v;
            max = Math.max(max, labels[i]);
        }
        int count = x.size();
        if ((long) count > CsvReader.MAX_VALUES) {
            throw new MalformedDatasetException(x.source(), "more than " + CsvReader.MAX_VALUES + " feature values");
        }
        float[] features = new float[count];
        boolean pixels = x.isBytes();
        for (int i = 0; i < count; i++) {
            float f = pixels ? (float) x.get(i) / 255f : (float) x.get(i);
            if (!Float.isFinite(f)) {
                throw new MalformedDatasetException(
                        x.source(),
                        "value " + i + " is " + x.get(i) + " (not finite as a float32); clean the data first");
            }
            features[i] = f;
        }
        return new Dataset(name, sample, classes > 0 ? classes : Math.max(2, max + 1), features, labels);
    }

    /**
     * The arrays of an {@code .npz} archive (as numpy.savez and savez_compressed write it), by name
     * without ".npy".
     */
    public static Map<String, NpyArray> readNpz(byte[] bytes, String source) {
        Map<String, NpyArray> arrays = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory() || !entry.getName().endsWith(".npy")) {
                    continue;
                }
                byte[] content = readCapped(zip, MAX_NPZ_BYTES - total, source);
                total += content.length;
                String name = entry.getName().substring(0, entry.getName().length() - 4);
                arrays.put(name, NpyArray.read(content, source + ":" + name));
            }
        } catch (IOException e) {
            throw new MalformedDatasetException(source, "not a readable .npz (zip) archive: " + e.getMessage(), e);
        }
        if (arrays.isEmpty()) {
            throw new MalformedDatasetException(
                    source, "holds no .npy arrays; write it with numpy.savez(f, x=..., y=...)");
        }
        return arrays;
    }

    private static byte[] readCapped(InputStream in, long cap, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + (long) n > cap) {
                throw new MalformedDatasetException(source, "unpacks to more than " + MAX_NPZ_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
