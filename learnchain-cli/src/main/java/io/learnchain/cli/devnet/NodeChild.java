package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.cli.devnet.DevnetPlan.NodePlan;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One node process of a devnet. Its standard error (the operator log) goes to {@code node.log};
 * its standard output (one JSON line per event, {@code node --json}) is copied to
 * {@code events.jsonl} and handed to the listener line by line. It is ready once it printed its
 * {@code started} event.
 */
final class NodeChild {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_TAIL_LINES = 15;

    /** Receives every JSON event a node prints. */
    interface Listener {
        void onEvent(NodePlan node, JsonNode event);
    }

    private final NodePlan plan;
    private final Process process;
    private final CompletableFuture<JsonNode> started = new CompletableFuture<>();
    private final Thread pump;

    private NodeChild(NodePlan plan, Process process, Listener listener) {
        this.plan = plan;
        this.process = process;
        this.pump = new Thread(() -> pump(listener), "devnet-node-" + plan.index());
        this.pump.setDaemon(true);
        this.pump.start();
    }

    static NodeChild start(NodePlan plan, List<String> command, Listener listener) throws IOException {
        Files.createDirectories(plan.dataDir());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(plan.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        return new NodeChild(plan, builder.start(), listener);
    }

    private void pump(Listener listener) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter events = Files.newBufferedWriter(
                        plan.eventsFile(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                events.write(line);
                events.newLine();
                events.flush();
                JsonNode event = parse(line);
                if (event == null) {
                    continue;
                }
                if ("started".equals(event.path("event").asText())) {
                    started.complete(event);
                }
                listener.onEvent(plan, event);
            }
        } catch (IOException e) {
            // the process is gone or its events file cannot be written: the exit is reported below
        } finally {
            process.onExit().thenRun(() -> started.completeExceptionally(new NodeFailedException(failure())));
        }
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits for the {@code started} event; fails with the log's last lines if the node exits or takes too long. */
    JsonNode awaitStarted(Duration timeout) throws InterruptedException {
        try {
            return started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (NodeFailedException) e.getCause();
        } catch (TimeoutException e) {
            throw new NodeFailedException("node " + plan.index() + " did not start within " + timeout.toSeconds()
                    + " s (raise --startup-timeout on a slow machine); its log " + plan.logFile() + " ends with:\n"
                    + logTail());
        }
    }

    private String failure() {
        return "node " + plan.index() + " exited with code " + process.exitValue() + " before it was ready; its log "
                + plan.logFile() + " ends with:\n" + logTail();
    }

    /** The last lines of the node's log, indented. */
    String logTail() {
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = Files.newBufferedReader(plan.logFile(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("WARNING: Using incubator modules")) {
                    continue;
                }
                tail.addLast("    " + line);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        } catch (IOException e) {
            return "    (cannot read it: " + e.getMessage() + ")";
        }
        return tail.isEmpty() ? "    (empty)" : String.join("\n", tail);
    }

    NodePlan plan() {
        return plan;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM: the node's shutdown hook closes its stores. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits up to {@code timeout} for the exit, then SIGKILLs; returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(2_000);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** A node that failed to start; the message names the node, its log and the log's last lines. */
    static final class NodeFailedException extends RuntimeException {
        NodeFailedException(String message) {
            super(message);
        }
    }
}
