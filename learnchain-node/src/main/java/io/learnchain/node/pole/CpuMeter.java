package io.learnchain.node.pole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A CPU clock for the energy figures (training vs hashing). A port so tests and reports can pick
 * one; it never feeds anything hashed or scheduled.
 */
@FunctionalInterface
public interface CpuMeter {
    long nanos();

    /**
     * CPU time of the calling thread (0 where unsupported). Undercounts work the compute pool runs
     * on its other threads: use it only with a serial pool.
     */
    static CpuMeter thread() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean::getCurrentThreadCpuTime : () -> 0L;
    }

    /**
     * CPU time of the whole process, all threads (0 where unsupported): right when the measured
     * work is the only thing running, as in the single-threaded simulation loop with its pool.
     */
    static CpuMeter process() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getProcessCpuTime;
        }
        return () -> 0L;
    }
}
