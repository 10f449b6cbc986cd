package io.learnchain.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.p2p.P2pConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A dev node's /metrics is valid Prometheus text exposition (format 0.0.4) whose names pass the lint
 * of {@code promtool check metrics}, and the Grafana dashboard in contrib/ asks only for metrics the
 * node serves.
 */
class MetricsExpositionTest {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})? "
                    + "(-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)( -?[0-9]+)?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "summary", "histogram", "untyped");
    /** Unit abbreviations promtool refuses in a name ("metric names should not contain abbreviated units"). */
    private static final Pattern ABBREVIATED = Pattern.compile("_(ns|us|ms|kb|mb|gb|sec|secs|min|mins)(_|$)");

    @Test
    void metricsParseAsPrometheusTextAndPassThePromtoolLint() throws Exception {
        NodeConfig config = NodeConfig.dev(Optional.empty(), 0, 1)
                .withP2p(P2pConfig.defaults(P2pConfig.randomNodeId(), 0, List.of(), VerifyLevel.SEGMENTS));
        String text;
        try (LearnchainNode node = LearnchainNode.start(config)) {
            // one refused transaction (signed for another chain), so the by-reason counter family exists
            var key = DevAccounts.keys(1);
            node.chain()
                    .submitTransaction(SignedTransaction.sign(
                            new TxBody(
                                    Hash.ZERO,
                                    key.publicKey(),
                                    0,
                                    Amount.ZERO,
                                    new Transfer(DevAccounts.address(2), Amount.ofCoins(1))),
                            key));
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.apiPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            text = r.body();
        }
        Map<String, String> types = parse(text);
        assertThat(types)
                .containsKeys(
                        "learnchain_chain_height",
                        "learnchain_peers",
                        "learnchain_mempool_size",
                        "learnchain_tasks_open",
                        "learnchain_blocks_connected_total",
                        "learnchain_block_connect_seconds",
                        "process_cpu_seconds_total",
                        "jvm_memory_used_bytes");
        for (Map.Entry<String, String> e : types.entrySet()) {
            String name = e.getKey();
            assertThat(ABBREVIATED.matcher(name).find())
                    .as("%s has an abbreviated unit", name)
                    .isFalse();
            if (e.getValue().equals("counter")) {
                assertThat(name).as("counter %s", name).endsWith("_total");
            }
            if (e.getValue().equals("gauge") || e.getValue().equals("counter")) {
                assertThat(name)
                        .as("%s %s", e.getValue(), name)
                        .doesNotEndWith("_count")
                        .doesNotEndWith("_sum")
                        .doesNotEndWith("_bucket");
            }
        }
        Set<String> served = new HashSet<>(types.keySet());
        for (Map.Entry<String, String> e : types.entrySet()) {
            if (e.getValue().equals("summary") || e.getValue().equals("histogram")) {
                served.add(e.getKey() + "_count");
                served.add(e.getKey() + "_sum");
                served.add(e.getKey() + "_bucket");
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(dashboardFile()));
        Pattern metric = Pattern.compile("\\b((?:learnchain|process|system|jvm)_[a-z0-9_]+)\\b");
        int exprs = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = metric.matcher(target.path("expr").asText());
                while (m.find()) {
                    assertThat(served)
                            .as("panel '%s' asks for %s", panel.path("title").asText(), m.group(1))
                            .contains(m.group(1));
                    exprs++;
                }
            }
        }
        assertThat(exprs).isGreaterThan(10);
    }

    /** Checks the text line by line; returns each family's TYPE. HELP and TYPE come before a family's samples. */
    private static Map<String, String> parse(String text) {
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                assertThat(NAME.matcher(name).matches()).as(line).isTrue();
                assertThat(helped.add(name)).as("one HELP for %s", name).isTrue();
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                assertThat(parts).as(line).hasSize(2);
                assertThat(TYPES).as(line).contains(parts[1]);
                assertThat(types.put(parts[0], parts[1]))
                        .as("one TYPE for %s", parts[0])
                        .isNull();
                continue;
            }
            assertThat(line).as("a comment other than HELP and TYPE").doesNotStartWith("#");
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line '%s'", line).isTrue();
            String family = family(m.group(1), types);
            assertThat(types).as("sample %s comes after its TYPE", m.group(1)).containsKey(family);
            assertThat(helped).as("sample %s comes after its HELP", m.group(1)).contains(family);
        }
        return types;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_count", "_sum", "_bucket")) {
            if (sample.endsWith(suffix)) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    private static Path dashboardFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("contrib/grafana/learnchain-node.json"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("contrib/grafana/learnchain-node.json above %s", Path.of("").toAbsolutePath())
                .isNotNull();
        return dir.resolve("contrib/grafana/learnchain-node.json");
    }
}
