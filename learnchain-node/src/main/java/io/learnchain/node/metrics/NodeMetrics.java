package io.learnchain.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * The node's meters, in one Prometheus registry served at {@code /metrics}. Names follow
 * Prometheus conventions once rendered ({@code learnchain_blocks_connected_total}).
 */
public final class NodeMetrics {
    /** Filters first: a filter added after a meter is registered does not apply to it (Micrometer warns). */
    private final PrometheusMeterRegistry registry = withFilters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    public final Counter blocksConnected =
            counter("learnchain.blocks.connected", "blocks added to the canonical chain");
    public final Counter blocksInvalid = counter("learnchain.blocks.invalid", "blocks rejected as invalid");
    public final Counter reorganisations = counter("learnchain.reorganisations", "switches to another branch");
    public final Counter blocksMined = counter("learnchain.blocks.mined", "blocks sealed by this node's miner");
    public final Counter sealAttempts = counter("learnchain.miner.seal.attempts", "proof-of-work nonces tried");
    public final Counter transactionsAccepted =
            counter("learnchain.transactions.accepted", "transactions admitted to the mempool");
    public final Timer blockConnectTime = Timer.builder("learnchain.block.connect")
            .description("time to validate and durably connect a block")
            .register(registry);

    /** Names that `promtool check metrics` accepts: no abbreviated units, no _count suffix on a gauge. */
    private static PrometheusMeterRegistry withFilters(PrometheusMeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.cores") : id;
            }
        });
        return registry;
    }

    public NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time the node's process used")
                    .register(registry);
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    /** Counts a transaction the mempool or API refused, by reason. */
    public void transactionRejected(String reason) {
        Counter.builder("learnchain.transactions.rejected")
                .description("transactions refused, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Registers a gauge read from {@code value} at scrape time. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
