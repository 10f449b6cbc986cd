package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Activations;
import io.learnchain.learn.tensor.Gemm;
import io.learnchain.learn.tensor.Transpose;
import java.util.Arrays;

/**
 * LSTM over [steps T, features F] returning the last hidden state [H]. Gate pre-activations
 * z = b + x_t . Wx + h_{t-1} . Wh (in that summation order), gates i, f, g, o in that column order;
 * c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t). Rows of the scratch buffers are (sample, step).
 * Backpropagation through time; weight gradients are single products over all (sample, step) rows.
 */
final class LstmLayer extends Layer {
    private final int steps, feat, hid, g4;
    private final int wxOff, whOff, bOff;
    private final float[] gates, cs, tcs, hs, hPrev, dz, dh, dc, whT, wxT;

    LstmLayer(int steps, int features, int hidden, int paramOffset, int maxBatch) {
        super(steps * features, hidden);
        this.steps = steps;
        this.feat = features;
        this.hid = hidden;
        this.g4 = 4 * hidden;
        this.wxOff = paramOffset;
        this.whOff = paramOffset + features * g4;
        this.bOff = whOff + hidden * g4;
        int rows = maxBatch * steps;
        this.gates = new float[rows * g4];
        this.cs = new float[rows * hidden];
        this.tcs = new float[rows * hidden];
        this.hs = new float[rows * hidden];
        this.dz = new float[rows * g4];
        this.dh = new float[maxBatch * hidden];
        this.dc = new float[maxBatch * hidden];
        this.hPrev = new float[rows * hidden]; // row (b, t) = h_{t-1}; rows with t = 0 stay zero
        this.whT = new float[g4 * hidden];
        this.wxT = new float[g4 * features];
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        int rows = batch * steps;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params, bOff, gates, r * g4, g4);
        }
        Gemm.multiply(pool, rows, g4, feat, in, 0, feat, params, wxOff, g4, gates, 0, g4, true);
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                Gemm.multiply(
                        pool,
                        batch,
                        g4,
                        hid,
                        hs,
                        (t - 1) * hid,
                        steps * hid,
                        params,
                        whOff,
                        g4,
                        gates,
                        t * g4,
                        steps * g4,
                        true);
            }
            int step = t;
            pool.forEach(batch, b -> cellForward(b * steps + step, step > 0, step < steps - 1));
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(hs, (b * steps + steps - 1) * hid, out, b * hid, hid);
        }
    }

    private void cellForward(int r, boolean hasPrev, boolean hasNext) {
        int z = r * g4;
        int s = r * hid;
        Activations.sigmoid(gates, z, gates, z, 2 * hid);
        Activations.tanh(gates, z + 2 * hid, gates, z + 2 * hid, hid);
        Activations.sigmoid(gates, z + 3 * hid, gates, z + 3 * hid, hid);
        for (int j = 0; j < hid; j++) {
            float cPrev = hasPrev ? cs[s - hid + j] : 0f;
            cs[s + j] = gates[z + hid + j] * cPrev + gates[z + j] * gates[z + 2 * hid + j];
        }
        Activations.tanh(cs, s, tcs, s, hid);
        for (int j = 0; j < hid; j++) {
            hs[s + j] = gates[z + 3 * hid + j] * tcs[s + j];
        }
        if (hasNext) {
            System.arraycopy(hs, s, hPrev, s + hid, hid);
        }
    }

    @Override
    boolean runsSampleRanges() {
        return false; // its forward is batch-wide products per time step over shared scratch rows
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        throw new IllegalStateException("the LSTM layer runs whole batches only (runsSampleRanges is false)");
    }

    @Override
    void backward(
            ComputePool pool,
            float[] params,
            float[] grads,
            float[] in,
            float[] out,
            float[] dOut,
            float[] dIn,
            int batch) {
        int rows = batch * steps;
        System.arraycopy(dOut, 0, dh, 0, batch * hid);
        Arrays.fill(dc, 0, batch * hid, 0f);
        Transpose.transpose(params, whOff, g4, hid, g4, whT, 0, hid);
        for (int t = steps - 1; t >= 0; t--) {
            int step = t;
            pool.forEach(batch, b -> cellBackward(b, b * steps + step, step > 0));
            if (t > 0) {
                Gemm.multiply(pool, batch, hid, g4, dz, t * g4, steps * g4, whT, 0, hid, dh, 0, hid, false);
            }
        }
        Gemm.multiplyTransposedA(pool, feat, g4, rows, in, 0, feat, dz, 0, g4, grads, wxOff, g4, false);
        Gemm.multiplyTransposedA(pool, hid, g4, rows, hPrev, 0, hid, dz, 0, g4, grads, whOff, g4, false);
        DenseLayer.columnSums(dz, rows, g4, grads, bOff);
        if (dIn != null) {
            Transpose.transpose(params, wxOff, g4, feat, g4, wxT, 0, feat);
            Gemm.multiply(pool, rows, feat, g4, dz, 0, g4, wxT, 0, feat, dIn, 0, feat, false);
        }
    }

    private void cellBackward(int b, int r, boolean hasPrev) {
        int z = r * g4;
        int s = r * hid;
        int q = b * hid;
        for (int j = 0; j < hid; j++) {
            float i = gates[z + j];
            float f = gates[z + hid + j];
            float g = gates[z + 2 * hid + j];
            float o = gates[z + 3 * hid + j];
            float tc = tcs[s + j];
            float cPrev = hasPrev ? cs[s - hid + j] : 0f;
            float dhv = dh[q + j];
            float dcv = dc[q + j] + dhv * o * (1f - tc * tc);
            dz[z + j] = dcv * g * (i * (1f - i));
            dz[z + hid + j] = dcv * cPrev * (f * (1f - f));
            dz[z + 2 * hid + j] = dcv * i * (1f - g * g);
            dz[z + 3 * hid + j] = dhv * tc * (o * (1f - o));
            dc[q + j] = dcv * f;
        }
    }
}
