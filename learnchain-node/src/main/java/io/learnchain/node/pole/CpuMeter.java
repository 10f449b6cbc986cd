package io.learnchain.node.pole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread, for the energy figures (training vs hashing). A port so tests
 * and the simulation's reports can run without it; never feeds anything hashed or scheduled.
 */
@FunctionalInterface
public interface CpuMeter {
    long threadNanos();

    /** The JVM's per-thread CPU clock (falls back to 0 where unsupported). */
    static CpuMeter jvm() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean::getCurrentThreadCpuTime : () -> 0L;
    }
}
