package io.learnchain.cli.netns;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TAP device opened through {@code /dev/net/tun} (the JDK's foreign function API calls
 * libc): the kernel hands this process every Ethernet frame the device sends, and every frame
 * written here arrives at the device as if from a wire. Non-persistent: the device disappears when
 * its file descriptor is closed, or when this process dies.
 */
final class Tap implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle OPEN =
            handle("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), 2);
    private static final MethodHandle IOCTL = handle(
            "ioctl",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            2);
    private static final MethodHandle READ = handle(
            "read",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            -1);
    private static final MethodHandle WRITE = handle(
            "write",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            -1);
    private static final MethodHandle POLL = handle(
            "poll",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
            -1);
    private static final MethodHandle CLOSE =
            handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), -1);

    private static final int O_RDWR = 2;
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final short POLLIN = 0x0001;
    /** struct ifreq: a 16-byte name, then a union whose first member is the short flags. */
    private static final int IFREQ_SIZE = 40;

    static final int MAX_FRAME = 65_536;

    private final String name;
    private final int fd;

    private Tap(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Creates the TAP device {@code name} (at most 15 bytes) in this process's network namespace. */
    static Tap create(String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > 15) {
            throw new IllegalArgumentException("interface name longer than 15 bytes: " + name);
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom("/dev/net/tun"), O_RDWR);
            if (fd < 0) {
                throw new IOException("cannot open /dev/net/tun (is the tun driver there, and are we root?)");
            }
            MemorySegment ifr = arena.allocate(IFREQ_SIZE);
            MemorySegment.copy(nameBytes, 0, ifr, ValueLayout.JAVA_BYTE, 0, nameBytes.length);
            ifr.set(ValueLayout.JAVA_SHORT, 16, (short) (IFF_TAP | IFF_NO_PI));
            int rc = (int) IOCTL.invokeExact(fd, TUNSETIFF, ifr);
            if (rc < 0) {
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new IOException("TUNSETIFF " + name + " failed (needs CAP_NET_ADMIN)");
            }
            return new Tap(name, fd);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    /**
     * Waits up to {@code timeoutMillis} for any of {@code taps} to have a frame; returns which can be
     * read (an empty array when none).
     */
    static boolean[] poll(Tap[] taps, int timeoutMillis, Arena arena) {
        MemorySegment fds = arena.allocate(8L * taps.length);
        for (int i = 0; i < taps.length; i++) {
            fds.set(ValueLayout.JAVA_INT, 8L * i, taps[i].fd);
            fds.set(ValueLayout.JAVA_SHORT, 8L * i + 4, POLLIN);
            fds.set(ValueLayout.JAVA_SHORT, 8L * i + 6, (short) 0);
        }
        boolean[] ready = new boolean[taps.length];
        try {
            int n = (int) POLL.invokeExact(fds, (long) taps.length, timeoutMillis);
            for (int i = 0; n > 0 && i < taps.length; i++) {
                ready[i] = (fds.get(ValueLayout.JAVA_SHORT, 8L * i + 6) & POLLIN) != 0;
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return ready;
    }

    /** Reads one frame into {@code buffer} (at least {@link #MAX_FRAME} bytes); returns its length. */
    int read(MemorySegment buffer) {
        try {
            long n = (long) READ.invokeExact(fd, buffer, (long) MAX_FRAME);
            return (int) n;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands one frame to the device, as if it came from the wire. */
    void write(MemorySegment frame) {
        try {
            long ignored = (long) WRITE.invokeExact(fd, frame, frame.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle handle(String function, FunctionDescriptor descriptor, int firstVariadic) {
        MemorySegment address = LIBC.find(function).orElseThrow(() -> new IllegalStateException("no libc " + function));
        return firstVariadic < 0
                ? LINKER.downcallHandle(address, descriptor)
                : LINKER.downcallHandle(address, descriptor, Linker.Option.firstVariadicArg(firstVariadic));
    }
}
