package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.common.UserException;
import io.learnchain.cli.devnet.DevnetPlan.NodePlan;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running node processes of a devnet. {@link #start} launches every node at once and returns
 * when all printed their {@code started} event; {@link #close} stops them (SIGTERM, then SIGKILL
 * after {@link #STOP_TIMEOUT}). If one node fails to start, the others are stopped and the error
 * names the node and quotes its log.
 */
final class Devnet implements AutoCloseable {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final DevnetPlan plan;
    private final List<NodeChild> children;
    private final List<JsonNode> startedEvents;
    private volatile boolean closed;

    private Devnet(DevnetPlan plan, List<NodeChild> children, List<JsonNode> startedEvents) {
        this.plan = plan;
        this.children = children;
        this.startedEvents = startedEvents;
    }

    static Devnet start(DevnetPlan plan, ChildJvm jvm, NodeChild.Listener listener, Duration startupTimeout)
            throws InterruptedException {
        List<NodeChild> children = new ArrayList<>();
        Devnet devnet = new Devnet(plan, children, new ArrayList<>());
        try {
            for (NodePlan node : plan.nodes()) {
                children.add(NodeChild.start(
                        node,
                        jvm.command(nodeArgs(plan, node, ProcessHandle.current().pid())),
                        listener));
            }
            for (NodeChild child : children) {
                devnet.startedEvents.add(child.awaitStarted(startupTimeout));
            }
            return devnet;
        } catch (NodeChild.NodeFailedException e) {
            devnet.close();
            String hint = e.getMessage().contains("cannot listen on")
                    ? "\nAnother program took one of the devnet's ports: " + "pass --base-port with a free range."
                    : "";
            throw new UserException(e.getMessage() + hint, e);
        } catch (IOException e) {
            devnet.close();
            throw new UserException("cannot start the devnet's node processes: " + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            devnet.close();
            throw e;
        }
    }

    /**
     * The arguments of {@code learnchain node} for {@code node}: the devnet genesis, its folder, ports
     * and key, and a {@code --peer} to every node before it, so the nodes form a full mesh with one
     * link per pair (each link is kept up, with reconnects, by the node that dialled it).
     */
    static List<String> nodeArgs(DevnetPlan plan, NodePlan node, long parentPid) {
        List<String> args = new ArrayList<>(List.of(
                "node",
                "--dev",
                "--genesis",
                plan.genesisFile().toString(),
                "--datadir",
                node.dataDir().toString(),
                "--api-port",
                Integer.toString(node.apiPort()),
                "--p2p-port",
                Integer.toString(node.p2pPort()),
                "--miner-key",
                node.minerKey(),
                "--parent-pid",
                Long.toString(parentPid),
                "--json"));
        for (NodePlan earlier : plan.nodes().subList(0, node.index())) {
            args.add("--peer");
            args.add("127.0.0.1:" + earlier.p2pPort());
        }
        return args;
    }

    DevnetPlan plan() {
        return plan;
    }

    /** Each node's {@code started} event (chain id, API URL, ...), in node order. */
    List<JsonNode> startedEvents() {
        return List.copyOf(startedEvents);
    }

    /** Process ids of the nodes, in node order. */
    List<Long> pids() {
        return children.stream().map(NodeChild::pid).toList();
    }

    /** Nodes that exited on their own (none once {@link #close} began stopping them). */
    List<NodePlan> exited() {
        if (closed) {
            return List.of();
        }
        return children.stream().filter(c -> !c.isAlive()).map(NodeChild::plan).toList();
    }

    String logTail(NodePlan node) {
        return children.get(node.index()).logTail();
    }

    /** Stops every node: SIGTERM to all, then SIGKILL to those still running after {@link #STOP_TIMEOUT}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        children.forEach(NodeChild::terminate);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (NodeChild child : children) {
            try {
                child.awaitExit(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                children.forEach(NodeChild::kill);
                return;
            }
        }
    }
}
