package io.learnchain.sim;

import io.learnchain.base.Hash;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.p2p.MemoryNetwork;
import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.PeerService;
import io.learnchain.node.pole.PoleNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The simulation's network, in one of two modes.
 *
 * <p>Direct (the default): a broadcast reaches every other node's pole roles after a seeded latency
 * (base + uniform jitter up to the base, per message and link); no message is lost. This is what
 * the adversary studies measure: every misbehaving message reaches the pole verifier.
 *
 * <p>Peer protocol (with a {@link PartitionSpec}): every node runs the real {@link PeerService}
 * (wire encoding, gossip checks that ban a peer relaying data that proves it wrong, de-duplication,
 * headers-first sync, blob fetching) over the in-memory transport, each frame delayed the same way.
 * The links between sides are cut for the partition's window and restored after; sync heals the
 * split. Deliveries go through the {@link VirtualScheduler} in both modes.
 */
final class SimNetwork {
    private final VirtualScheduler scheduler;
    private final DirectDelivery direct;
    private final Optional<PartitionSpec> partition;
    private final Optional<MemoryNetwork> memory;
    private final List<PoleNode> nodes = new ArrayList<>();
    private final List<PeerService> services = new ArrayList<>();
    private final List<Long> heightsAtHeal = new ArrayList<>();

    SimNetwork(VirtualScheduler scheduler, long latencyMillis, long seed, Optional<PartitionSpec> partition) {
        this.scheduler = scheduler;
        this.direct = new DirectDelivery(scheduler, latencyMillis, seed);
        this.partition = partition;
        this.memory = partition.map(p -> new MemoryNetwork(scheduler, latencyMillis, seed));
    }

    /** Adds {@code node} (whose blobs are in {@code blobs}); in peer-protocol mode with its own peer service. */
    void add(PoleNode node, BlobStore blobs) {
        nodes.add(node);
        direct.add(node.name(), node::receive);
        memory.ifPresent(m -> {
            P2pConfig config = P2pConfig.defaults(
                    Hash.sha256(node.name().getBytes(StandardCharsets.UTF_8)), 0, List.of(), VerifyLevel.SEGMENTS);
            PeerService service = new PeerService(config, node.chain(), blobs, scheduler, node::receive);
            services.add(service);
            m.add(node.name(), service);
        });
    }

    /** The port node {@code index} sends through. */
    GossipNetwork port(int index) {
        return message -> {
            if (memory.isPresent()) {
                services.get(index).broadcast(message);
            } else {
                direct.send(index, message);
            }
        };
    }

    /** Sends {@code message} from node {@code from} to node {@code to} only (direct mode). */
    void sendTo(int from, int to, GossipMessage message) {
        if (memory.isPresent()) {
            throw new IllegalStateException("a message to one node only needs the direct network");
        }
        direct.sendTo(from, to, message);
    }

    /** In peer-protocol mode: connects every node to every other, starts the services, schedules the partition. */
    void start() {
        memory.ifPresent(m -> {
            m.connectAll();
            services.forEach(PeerService::start);
        });
        partition.ifPresent(p -> {
            MemoryNetwork m = memory.orElseThrow();
            scheduler.after(p.fromMillis(), () -> p.sides().forEach(side -> m.partition(names(side))));
            scheduler.after(p.toMillis(), () -> {
                nodes.forEach(n -> heightsAtHeal.add(n.chain().head().height().value()));
                m.heal();
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

    /** Each node's height just before the partition healed (empty without a partition). */
    List<Long> heightsAtHeal() {
        return List.copyOf(heightsAtHeal);
    }

    /** Messages sent (direct mode) or frames sent (peer-protocol mode). */
    long messages() {
        return memory.map(MemoryNetwork::frames).orElseGet(direct::messages);
    }

    long syncedBlocks() {
        return services.stream().mapToLong(PeerService::syncedBlocks).sum();
    }
}
