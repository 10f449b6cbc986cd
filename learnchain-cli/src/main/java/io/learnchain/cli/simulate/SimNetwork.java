package io.learnchain.cli.simulate;

import io.learnchain.base.Hash;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.p2p.MemoryNetwork;
import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.PeerService;
import io.learnchain.node.pole.Network;
import io.learnchain.node.pole.PoleNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The simulation's network: every node runs the real peer protocol ({@link PeerService}: wire
 * encoding, gossip checks and de-duplication, headers-first sync, blob fetching) over the
 * in-memory transport, each frame delayed by a seeded latency (base + uniform jitter up to the
 * base) through the {@link VirtualScheduler}. With a {@link PartitionSpec} the links between sides
 * are cut for its window and restored after; sync then heals the split.
 */
final class SimNetwork {
    private final VirtualScheduler scheduler;
    private final MemoryNetwork memory;
    private final Optional<PartitionSpec> partition;
    private final List<PoleNode> nodes = new ArrayList<>();
    private final List<PeerService> services = new ArrayList<>();
    private final List<Long> heightsAtHeal = new ArrayList<>();

    SimNetwork(VirtualScheduler scheduler, long latencyMillis, long seed, Optional<PartitionSpec> partition) {
        this.scheduler = scheduler;
        this.memory = new MemoryNetwork(scheduler, latencyMillis, seed);
        this.partition = partition;
    }

    /** Adds {@code node} (whose blobs are in {@code blobs}) with its own peer service. */
    void add(PoleNode node, BlobStore blobs) {
        P2pConfig config = P2pConfig.defaults(Hash.sha256(node.name().getBytes(StandardCharsets.UTF_8)), 0, List.of(),
                VerifyLevel.ACCURACY);
        PeerService service = new PeerService(config, node.chain(), blobs, scheduler, node::receive);
        nodes.add(node);
        services.add(service);
        memory.add(node.name(), service);
    }

    /** The port node {@code index} sends through (its peer service, once added). */
    Network port(int index) {
        return message -> services.get(index).broadcast(message);
    }

    /** Connects every node to every other, starts the peer services, and schedules the partition. */
    void start() {
        memory.connectAll();
        services.forEach(PeerService::start);
        partition.ifPresent(p -> {
            scheduler.after(p.fromMillis(), () -> p.sides().forEach(side -> memory.partition(names(side))));
            scheduler.after(p.toMillis(), () -> {
                nodes.forEach(n -> heightsAtHeal.add(n.chain().head().height().value()));
                memory.heal();
            });
        });
    }

    /** Stops the periodic peer work (pings, status), so the event queue can run dry; messages in flight still arrive. */
    void quiesce() {
        services.forEach(PeerService::quiesce);
    }

    private Set<String> names(Set<Integer> side) {
        return side.stream().map(i -> nodes.get(i).name()).collect(Collectors.toSet());
    }

    long messages() {
        return memory.frames();
    }

    /** Each node's height just before the partition healed (empty without a partition). */
    List<Long> heightsAtHeal() {
        return List.copyOf(heightsAtHeal);
    }

    long syncedBlocks() {
        return services.stream().mapToLong(PeerService::syncedBlocks).sum();
    }
}
