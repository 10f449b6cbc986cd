package io.learnchain.cli.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Ethernet switch between TAP devices, in this process, with the link faults {@code tc netem}
 * gives where the kernel has it: every frame from port {@code a} to port {@code b} is delayed by
 * {@code delay(a) + delay(b)} and dropped with probability {@code 1 - (1 - loss(a)) (1 - loss(b))}
 * (both seeded and fixed per port, so a pair keeps its frames in order), and frames between ports on
 * different sides of a partition are dropped. It learns which port has which MAC address, and floods
 * broadcasts and unknown destinations, as a bridge does.
 */
final class EmulatedSwitch implements AutoCloseable {
    private final Tap[] ports;
    private final long[] delayNanos;
    private final double[] loss;
    private volatile int[] side;
    private final Map<Long, Integer> macs = new HashMap<>();
    private final SplittableRandom random;
    private final ScheduledExecutorService wire = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emulated-wire");
        t.setDaemon(true);
        return t;
    });
    private final Thread reader;
    /** Where the wire thread puts a frame for the kernel (a downcall takes native memory only). */
    private final Arena wireArena = Arena.ofShared();

    private final MemorySegment scratch = wireArena.allocate(Tap.MAX_FRAME);
    private volatile boolean running = true;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();

    EmulatedSwitch(Tap[] ports, long seed) {
        this.ports = ports.clone();
        this.delayNanos = new long[ports.length];
        this.loss = new double[ports.length];
        this.side = new int[ports.length];
        this.random = new SplittableRandom(seed);
        this.reader = new Thread(this::forward, "emulated-switch");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Port {@code port}'s share of every path through it: one-way delay and loss probability. */
    synchronized void link(int port, long delayMillis, double lossProbability) {
        delayNanos[port] = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        loss[port] = lossProbability;
    }

    /** Frames pass only between ports with the same side number; all zeros heals every partition. */
    void sides(int... sides) {
        if (sides.length != ports.length) {
            throw new IllegalArgumentException("one side per port: " + Arrays.toString(sides));
        }
        this.side = sides.clone();
    }

    long forwarded() {
        return forwarded.get();
    }

    long dropped() {
        return dropped.get();
    }

    long cut() {
        return cut.get();
    }

    private void forward() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Tap.MAX_FRAME);
            while (running) {
                boolean[] ready = Tap.poll(ports, 100, arena);
                for (int from = 0; from < ports.length; from++) {
                    if (ready[from]) {
                        int n = ports[from].read(buffer);
                        if (n >= 14) {
                            deliver(from, buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                        }
                    }
                }
            }
        }
    }

    private synchronized void deliver(int from, byte[] frame) {
        macs.put(mac(frame, 6), from);
        boolean multicast = (frame[0] & 1) != 0;
        Integer known = multicast ? null : macs.get(mac(frame, 0));
        int[] sides = side;
        for (int to = 0; to < ports.length; to++) {
            if (to == from || (known != null && known != to)) {
                continue;
            }
            if (sides[to] != sides[from]) {
                cut.incrementAndGet();
                continue;
            }
            if (random.nextDouble() >= (1 - loss[from]) * (1 - loss[to])) {
                dropped.incrementAndGet();
                continue;
            }
            Tap out = ports[to];
            long delay = delayNanos[from] + delayNanos[to];
            wire.schedule(
                    () -> {
                        if (running) {
                            MemorySegment.copy(frame, 0, scratch, ValueLayout.JAVA_BYTE, 0, frame.length);
                            out.write(scratch.asSlice(0, frame.length));
                            forwarded.incrementAndGet();
                        }
                    },
                    delay,
                    TimeUnit.NANOSECONDS);
        }
    }

    private static long mac(byte[] frame, int offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | (frame[offset + i] & 0xff);
        }
        return mac;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(2_000);
        wire.shutdownNow();
        wire.awaitTermination(2, TimeUnit.SECONDS);
        wireArena.close();
    }
}
