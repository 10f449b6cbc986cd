package io.learnchain.cli.devnet;

import io.learnchain.base.Address;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.node.api.ApiCookies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each node of a devnet lives: node i has its data in {@code DIR/node-i}, its API on
 * {@code basePort + i} and its peer port on {@code basePort + P2P_OFFSET + i}, and mines with
 * dev account i. Node 0 is the requester.
 *
 * @param root the devnet's data directory (genesis file and one folder per node)
 * @param basePort node 0's API port
 */
public record DevnetPlan(Path root, int basePort, List<NodePlan> nodes) {
    public static final int DEFAULT_BASE_PORT = 8645;
    /** Peer ports sit this far above the API ports (8645 -> 9645), as `learnchain node` does by default. */
    public static final int P2P_OFFSET = 1000;

    public static final int MAX_NODES = 16;
    public static final String GENESIS_FILE = "genesis.toml";

    public DevnetPlan {
        nodes = List.copyOf(nodes);
    }

    /**
     * One node of the plan.
     *
     * @param minerKey the {@code --miner-key} value (dev:i)
     */
    public record NodePlan(int index, Path dataDir, int apiPort, int p2pPort, String minerKey, Address miner) {
        public String apiUrl() {
            return "http://127.0.0.1:" + apiPort + "/api/v1";
        }

        /** The dashboard, with the API token the running node left in its data directory (to change the node). */
        public String dashboardUrl() {
            String url = "http://127.0.0.1:" + apiPort + "/";
            try {
                return url + "?token="
                        + Files.readString(dataDir.resolve(ApiCookies.FILE_NAME))
                                .strip();
            } catch (IOException e) {
                return url; // not started yet: the page reads, and says how to get the token to change things
            }
        }

        /** The node's log (its standard error: the operator log and any failure). */
        public Path logFile() {
            return dataDir.resolve("node.log");
        }

        /** The node's {@code --json} event lines, as it printed them. */
        public Path eventsFile() {
            return dataDir.resolve("events.jsonl");
        }

        public boolean requester() {
            return index == 0;
        }
    }

    /** Lays out {@code count} nodes under {@code root} from {@code basePort}; checks the port range. */
    public static DevnetPlan of(Path root, int count, int basePort) {
        if (count < 1 || count > MAX_NODES) {
            throw new IllegalArgumentException("--nodes must be 1 to " + MAX_NODES + ", got " + count);
        }
        int highest = basePort + P2P_OFFSET + count - 1;
        if (basePort < 1024 || highest > 65_535) {
            throw new IllegalArgumentException("--base-port " + basePort + " does not leave room for " + count
                    + " nodes: API ports are base..base+" + (count - 1) + " and peer ports base+" + P2P_OFFSET
                    + "..., so pick a base from 1024 to " + (65_535 - P2P_OFFSET - count + 1));
        }
        List<NodePlan> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new NodePlan(
                    i,
                    root.resolve("node-" + i),
                    basePort + i,
                    basePort + P2P_OFFSET + i,
                    "dev:" + i,
                    DevAccounts.address(i)));
        }
        return new DevnetPlan(root, basePort, nodes);
    }

    public Path genesisFile() {
        return root.resolve(GENESIS_FILE);
    }

    /** Every port the devnet listens on, API ports first. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        nodes.forEach(n -> ports.add(n.apiPort()));
        nodes.forEach(n -> ports.add(n.p2pPort()));
        return ports;
    }

    /** The dev account name ("dev:3") of {@code address}, or the address itself when it is not a dev account. */
    public static String accountName(String address, int accounts) {
        for (int i = 0; i < accounts; i++) {
            if (DevAccounts.address(i).toString().equals(address)) {
                return "dev:" + i;
            }
        }
        return address;
    }
}
