package io.learnchain.cli.node;

import io.learnchain.base.Address;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.DevAccountRows;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.VectorSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code learnchain node} prints once it has started; the last line is {@code Listening on HOST:PORT}. */
final class NodeBanner {
    private NodeBanner() {}

    static void print(
            PrintWriter out, LearnchainNode node, Path dir, boolean ephemeral, Optional<KeyPair> miner, boolean json) {
        Genesis g = node.chain().genesis();
        String listen = node.config().apiHost() + ":" + node.apiPort();
        List<Map<String, Object>> devAccounts =
                node.config().devMode() ? DevAccountRows.of(g, DevAccounts.DEFAULT_COUNT) : List.of();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "started");
            m.put("chainId", g.chainId().toHex());
            m.put("chainName", g.chainName());
            m.put("engine", g.engine().name());
            m.put("height", node.chain().head().height().value());
            m.put("datadir", dir.toString());
            m.put("ephemeral", ephemeral);
            m.put("api", node.apiUrl());
            m.put("dashboard", node.dashboardUrl());
            m.put("miner", miner.map(k -> Address.of(k.publicKey()).toString()).orElse(null));
            m.put("devAccounts", devAccounts);
            m.put(
                    "p2p",
                    node.peers()
                            .map(p -> node.config().p2p().orElseThrow().listenHost() + ":" + p.port())
                            .orElse(null));
            m.put("vector", VectorSupport.detect().toMap());
            m.put("listening", listen);
            JsonOption.printJson(out, m);
            return;
        }
        out.println("learnchain node: chain " + g.chainName() + " (id "
                + g.chainId().toHex() + ")");
        out.println("  engine " + g.engine() + ", target block time " + g.targetBlockSeconds() + " s, height "
                + node.chain().head().height().value());
        out.println("  data      " + dir + (ephemeral ? " (temporary: deleted when the node stops)" : ""));
        out.println("  mining    "
                + miner.map(k -> "yes, rewards to " + Address.of(k.publicKey())).orElse("no"));
        VectorSupport vectors = VectorSupport.detect();
        out.println("  engine    " + vectors.summary());
        vectors.warning().ifPresent(w -> out.println("  WARNING   " + w));
        if (!devAccounts.isEmpty()) {
            out.println();
            out.println("Development accounts. WARNING: these private keys are PUBLIC (anyone can spend these coins);");
            out.println("use them only on this dev chain, never for anything of value.");
            for (Map<String, Object> a : devAccounts) {
                out.printf(
                        "  %-6s %s  %s LC%n         private key %s%n",
                        a.get("name"), a.get("address"), a.get("balance"), a.get("privateKey"));
            }
            out.println("Send coins:  ./learnchain wallet send --from dev:1 --to ADDRESS --amount 5 --api http://"
                    + listen);
            if (LearnchainNode.runsPoleRounds(g) && miner.isPresent()) {
                out.println(
                        "Post a task: ./learnchain task post --model mlp-small --dataset fashion-mnist-small --reward 10"
                                + " --rounds 3 --min-accuracy 0.5 --api http://" + listen);
            }
        }
        out.println();
        out.println("API        " + node.apiUrl());
        out.println("Dashboard  " + node.dashboardUrl());
        out.println("Metrics    http://" + listen + "/metrics");
        node.peers()
                .ifPresent(p -> out.println(
                        "Peers      " + node.config().p2p().orElseThrow().listenHost() + ":"
                                + p.port() + " (peer protocol; "
                                + node.config().p2p().orElseThrow().peers().size()
                                + " configured peer(s), verify "
                                + node.config().p2p().orElseThrow().verify() + ")"));
        out.println("Stop with Ctrl-C.");
        out.println("Listening on " + listen);
        out.flush();
    }
}
