package io.learnchain.bench;

/** Times a unit of work: warm-up runs, then timed repeats, each giving items per second. */
final class Repeats {
    interface Work {
        /** Does the work once; returns how many items (samples, or flops) it processed. */
        double run() throws Exception;
    }

    private Repeats() {}

    static double[] measure(int warmups, int repeats, Work work) throws Exception {
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            double items = work.run();
            rates[i] = items / ((System.nanoTime() - t0) / 1e9);
        }
        return rates;
    }
}
