package io.learnchain.cli.devnet;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.DevAccountRows;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.devnet.DevnetPlan.NodePlan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code learnchain devnet} prints once every node is up: nodes, URLs, files, the public dev accounts. */
final class DevnetBanner {
    private DevnetBanner() {}

    static void print(
            PrintWriter out,
            Devnet devnet,
            Genesis genesis,
            boolean ephemeral,
            String task,
            double upSeconds,
            boolean json) {
        DevnetPlan plan = devnet.plan();
        List<Long> pids = devnet.pids();
        // The devnet genesis funds dev:0 .. dev:(k-1) and nothing else, so k = the premine's size.
        List<Map<String, Object>> accounts =
                DevAccountRows.of(genesis, genesis.premine().size());
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "started");
            m.put("chainId", genesis.chainId().toHex());
            m.put("chainName", genesis.chainName());
            m.put("engine", genesis.engine().name());
            m.put("task", task);
            m.put("datadir", plan.root().toString());
            m.put("ephemeral", ephemeral);
            m.put("upSeconds", Math.round(upSeconds * 10) / 10.0);
            m.put("genesis", plan.genesisFile().toString());
            m.put(
                    "nodes",
                    plan.nodes().stream()
                            .map(n -> node(plan, n, pids.get(n.index())))
                            .toList());
            m.put("devAccounts", accounts);
            JsonOption.printJson(out, m);
            return;
        }
        int count = plan.nodes().size();
        out.printf(
                "learnchain devnet: %d node process%s on 127.0.0.1, engine %s, chain %s (id %s)%n",
                count,
                count == 1 ? "" : "es",
                genesis.engine().name(),
                genesis.chainName(),
                genesis.chainId().toHex());
        out.println("  data     " + plan.root() + (ephemeral ? " (temporary: deleted when the devnet stops)" : ""));
        out.println("  genesis  " + plan.genesisFile());
        out.printf(Locale.ROOT, "  all nodes up after %.1f s%n", upSeconds);
        out.println();
        for (NodePlan n : plan.nodes()) {
            out.printf(
                    "  node %d%s  API %s  dashboard %s%n",
                    n.index(), n.requester() ? " (requester)" : "", n.apiUrl(), n.dashboardUrl());
            out.printf(
                    "          miner %s %s, pid %d, log %s%n",
                    n.minerKey(), n.miner(), pids.get(n.index()), n.logFile());
        }
        out.println();
        out.println(
                "Development accounts. WARNING: these private keys are PUBLIC test keys (anyone can spend these coins);");
        out.println("use them only on this devnet, never for anything of value.");
        for (Map<String, Object> a : accounts) {
            out.printf(
                    "  %-6s %s  %s LC  private key %s%n",
                    a.get("name"), a.get("address"), a.get("balance"), a.get("privateKey"));
        }
        out.println("Send coins:  ./learnchain wallet send --from dev:1 --to ADDRESS --amount 5 --api http://127.0.0.1:"
                + plan.basePort());
        out.println();
        out.println(
                "Stop with Ctrl-C (stops every node). One line per block follows (the first node to connect it reports it).");
        out.flush();
    }

    private static Map<String, Object> node(DevnetPlan plan, NodePlan n, long pid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", n.index());
        m.put("requester", n.requester());
        m.put("api", n.apiUrl());
        m.put("dashboard", n.dashboardUrl());
        m.put("apiPort", n.apiPort());
        m.put("p2pPort", n.p2pPort());
        m.put("miner", n.miner().toString());
        m.put("minerKey", n.minerKey());
        m.put("datadir", n.dataDir().toString());
        m.put("log", n.logFile().toString());
        m.put("events", n.eventsFile().toString());
        m.put("pid", pid);
        m.put("args", Devnet.nodeArgs(plan, n, ProcessHandle.current().pid()));
        return m;
    }
}
