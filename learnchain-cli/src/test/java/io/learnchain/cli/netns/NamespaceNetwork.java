package io.learnchain.cli.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts in Linux network namespaces of their own, made by the test and removed after it: each has
 * its loopback and one Ethernet interface (a TAP device) with address 10.213.0.(i+1)/24 on an
 * {@link EmulatedSwitch} that gives the links their delay, loss and partitions. A node process runs
 * inside a host through {@link #exec}; its API, bound to the host's loopback, is read with curl run
 * inside the host. Nothing is added to the machine's own network namespace for longer than it takes
 * to move a new TAP device (down, without an address) into its host.
 */
public final class NamespaceNetwork implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OURS = Pattern.compile("^lc(\\d+)n\\d+\\b.*");

    private final List<String> namespaces;
    private final List<Tap> taps;
    private final EmulatedSwitch network;

    private NamespaceNetwork(List<String> namespaces, List<Tap> taps, EmulatedSwitch network) {
        this.namespaces = namespaces;
        this.taps = taps;
        this.network = network;
    }

    /** Why this machine cannot run namespace tests, or empty when it can. */
    public static Optional<String> unavailable() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return Optional.of("network namespaces are a Linux feature; this is " + System.getProperty("os.name"));
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("creating network namespaces needs root; this test runs as "
                    + System.getProperty("user.name") + " (.ci/run runs as root)");
        }
        for (String tool : List.of("ip", "curl")) {
            if (run(List.of("sh", "-c", "command -v " + tool)).code() != 0) {
                return Optional.of("no '" + tool + "' command (Debian packages iproute2 and curl; scripts/test.sh"
                        + " installs them)");
            }
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return Optional.of("no /dev/net/tun: the kernel's tun driver is missing");
        }
        String probe = "lc" + ProcessHandle.current().pid() + "n99";
        Result add = run(List.of("ip", "netns", "add", probe));
        if (add.code() != 0) {
            return Optional.of(
                    "'ip netns add' is not permitted here: " + add.output().strip());
        }
        run(List.of("ip", "netns", "del", probe));
        return Optional.empty();
    }

    /** Makes {@code hosts} hosts on one switch (every link without delay or loss until {@link #link}). */
    public static NamespaceNetwork create(int hosts, long seed) throws IOException {
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        List<String> namespaces = new ArrayList<>();
        List<Tap> taps = new ArrayList<>();
        try {
            for (int i = 0; i < hosts; i++) {
                String ns = "lc" + pid + "n" + i;
                ip("netns", "add", ns);
                namespaces.add(ns);
                ip("-n", ns, "link", "set", "lo", "up");
                Tap tap = Tap.create("lc" + pid + "t" + i);
                taps.add(tap);
                ip("link", "set", tap.name(), "netns", ns);
                ip("-n", ns, "addr", "add", address(i) + "/24", "dev", tap.name());
                ip("-n", ns, "link", "set", tap.name(), "up");
            }
            return new NamespaceNetwork(
                    List.copyOf(namespaces), List.copyOf(taps), new EmulatedSwitch(taps.toArray(Tap[]::new), seed));
        } catch (IOException | RuntimeException e) {
            taps.forEach(Tap::close);
            namespaces.forEach(NamespaceNetwork::delete);
            throw e;
        }
    }

    /** Host {@code i}'s address on the switch. */
    public static String address(int i) {
        return "10.213.0." + (i + 1);
    }

    public int hosts() {
        return namespaces.size();
    }

    /** The command prefix that runs a command inside host {@code i}. */
    public List<String> exec(int i) {
        return List.of("ip", "netns", "exec", namespaces.get(i));
    }

    /** Host {@code i}'s share of every path through it: one-way delay and loss. */
    public void link(int i, long delayMillis, double loss) {
        network.link(i, delayMillis, loss);
    }

    /** Hosts talk only to hosts of the same side number; all equal heals the network. */
    public void sides(int... sides) {
        network.sides(sides);
    }

    /** Frames delivered, dropped as loss, and dropped at a partition so far. */
    public String counters() {
        return network.forwarded() + " frames delivered, " + network.dropped() + " lost, " + network.cut()
                + " cut by the partition";
    }

    /** GET {@code path} from the API on host {@code i}'s loopback port; null for 404. */
    public JsonNode get(int i, int apiPort, String path) {
        Result r = curl(i, List.of("http://127.0.0.1:" + apiPort + path));
        return r.code() == 404 ? null : r.json(path);
    }

    /** POST a JSON body with the node's API token. */
    public JsonNode post(int i, int apiPort, String path, String body, String token) {
        Result r = curl(
                i,
                List.of(
                        "-X",
                        "POST",
                        "-H",
                        "Content-Type: application/json",
                        "-H",
                        "Authorization: Bearer " + token,
                        "--data-binary",
                        body,
                        "http://127.0.0.1:" + apiPort + path));
        if (r.code() / 100 != 2) {
            throw new AssertionError("POST " + path + " on host " + i + ": HTTP " + r.code() + " " + r.output());
        }
        return r.json(path);
    }

    private Result curl(int i, List<String> args) {
        List<String> cmd = new ArrayList<>(exec(i));
        cmd.addAll(List.of("curl", "-sS", "-m", "10", "-w", "\n%{http_code}"));
        cmd.addAll(args);
        Result r = run(cmd);
        if (r.code() != 0) {
            throw new AssertionError("curl on host " + i + " failed: " + r.output());
        }
        String out = r.output().stripTrailing();
        int nl = out.lastIndexOf('\n');
        return new Result(Integer.parseInt(out.substring(nl + 1).strip()), out.substring(0, Math.max(0, nl)));
    }

    @Override
    public void close() throws InterruptedException {
        network.close();
        taps.forEach(Tap::close);
        namespaces.forEach(NamespaceNetwork::delete);
    }

    /** Kills what still runs in {@code ns} (a node its test left behind), then removes it. */
    private static void delete(String ns) {
        for (String pid : run(List.of("ip", "netns", "pids", ns)).output().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(List.of("ip", "netns", "del", ns));
    }

    /** Namespaces of an earlier test process that died before removing them. */
    private static void removeLeftovers() {
        for (String line : run(List.of("ip", "netns", "list")).output().split("\n")) {
            Matcher m = OURS.matcher(line.strip());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                delete(line.strip().split("\\s+")[0]);
            }
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        if (r.code() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + r.output().strip());
        }
    }

    public record Result(int code, String output) {
        JsonNode json(String what) {
            try {
                return JSON.readTree(output);
            } catch (IOException e) {
                throw new AssertionError(what + ": not JSON: " + output, e);
            }
        }
    }

    /** Runs {@code cmd} to its end (30 s at most): its exit code (-1 when it could not run) and output. */
    public static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", cmd) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
