package io.learnchain.learn.compute;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A test-only class in the compute package: threads are allowed here, clocks are not. */
public final class PoolShapedFixture {
    private PoolShapedFixture() {}

    public static long run() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.shutdown();
        return System.nanoTime();
    }
}
