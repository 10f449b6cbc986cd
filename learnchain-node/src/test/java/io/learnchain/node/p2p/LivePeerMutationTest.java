package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.p2p.wire.WireMessage;
import io.learnchain.node.p2p.wire.WireSamples;
import java.io.File;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SCENARIOS.md A3 against a live node: a real node (Netty peer port, Javalin API, mining its dev
 * chain) takes 10,000+ seeded mutations of every wire message from peers that completed the handshake,
 * while a client measures {@code GET /status}. The node must keep mining and answering, and its file
 * descriptors and heap must come back to where they were once the attackers are gone.
 */
class LivePeerMutationTest {
    private static final int ATTACKERS = 6;
    private static final int MESSAGES = 10_200;

    @Test
    void tenThousandMutatedMessagesFromLivePeersLeaveTheNodeAnsweringAndItsResourcesBack() throws Exception {
        NodeConfig config = NodeConfig.dev(Optional.empty(), 0, 1)
                .withP2p(P2pConfig.defaults(P2pConfig.randomNodeId(), 0, List.of(), VerifyLevel.SEGMENTS));
        try (LearnchainNode node = LearnchainNode.start(config)) {
            int port = node.peers().orElseThrow().port();
            Hash chainId = node.chain().genesis().chainId();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI status = URI.create(node.apiUrl() + "/status");
            NettyPeerTest.waitFor(
                    "the first block",
                    10_000,
                    () -> node.chain().head().height().value() >= 1);
            for (int i = 0; i < 200; i++) {
                statusMillis(http, status); // warm the API up before the baseline
            }
            long fdsBefore = openFileDescriptors();
            long heapBefore = heapAfterGc();
            long heightBefore = node.chain().head().height().value();

            List<byte[]> goods = WireSamples.all().values().stream()
                    .filter(m -> !(m instanceof WireMessage.Hello) && !(m instanceof WireMessage.HelloAck))
                    .map(TcpScriptedPeer.CODEC::encode)
                    .toList();
            AtomicBoolean attacking = new AtomicBoolean(true);
            List<Long> latencies = new ArrayList<>();
            AtomicInteger statusFailures = new AtomicInteger();
            Thread poller = Thread.ofPlatform().start(() -> {
                while (attacking.get()) {
                    try {
                        long ms = statusMillis(http, status);
                        synchronized (latencies) {
                            latencies.add(ms);
                        }
                        Thread.sleep(10);
                    } catch (IOException e) {
                        statusFailures.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Tally tally = new Tally();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < ATTACKERS; t++) {
                long seed = 0xA3L * 1_000 + t;
                runs.add(pool.submit(() -> {
                    attack(port, chainId, goods, new SplitMix64(seed), tally);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();
            double attackSeconds = (System.nanoTime() - start) / 1e9;
            attacking.set(false);
            poller.join();

            long[] sorted;
            synchronized (latencies) {
                sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            long p50 = sorted[sorted.length / 2];
            long p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
            long heightDuring = node.chain().head().height().value() - heightBefore;
            NettyPeerTest.waitFor(
                    "the attackers' connections closed",
                    15_000,
                    () -> node.peers().orElseThrow().service().peers().isEmpty());
            long fdsAfter = openFileDescriptors();
            long heapAfter = heapAfterGc();
            // loopback bans are kept per address and port (docs/p2p.md), and the kernel hands a newcomer's
            // socket a port that a banned attacker used now and then: such a connection is refused as banned,
            // so the newcomer takes another port, as a real client would
            int recycledBannedPorts = 0;
            while (true) {
                try (TcpScriptedPeer honest = new TcpScriptedPeer(port)) {
                    if (node.peers().orElseThrow().service().isBanned("127.0.0.1:" + honest.socket.getLocalPort())
                            && recycledBannedPorts < 20) {
                        recycledBannedPorts++;
                        continue;
                    }
                    assertThat(honest.handshake(chainId, "honest-after-the-campaign")
                                    .accepted())
                            .as("an honest newcomer after the campaign")
                            .isTrue();
                    assertThat(honest.ping(7)).isLessThan(2_000);
                    break;
                }
            }
            System.out.printf(
                    "A3 live peers: %d mutated messages read by the node (it kept the connection after %d, dropped it"
                            + " after %d, stalled on %d) over %d connections (%d handshakes refused, %d cut) in %.1f s"
                            + " from %d attackers; GET /status %d times: p50 %d ms, p99 %d ms, max %d ms, %d failed; %d"
                            + " blocks mined meanwhile; file descriptors %d -> %d; heap after GC %d -> %d MiB; the honest newcomer"
                            + " drew %d banned loopback ports first%n",
                    tally.processed().get(),
                    tally.kept().get(),
                    tally.dropped().get(),
                    tally.stalled().get(),
                    tally.connections().get(),
                    tally.refused().get(),
                    tally.connectFailures().get(),
                    attackSeconds,
                    ATTACKERS,
                    sorted.length,
                    p50,
                    p99,
                    sorted[sorted.length - 1],
                    statusFailures.get(),
                    heightDuring,
                    fdsBefore,
                    fdsAfter,
                    heapBefore >> 20,
                    heapAfter >> 20,
                    recycledBannedPorts);
            assertThat(tally.processed().get()).isGreaterThanOrEqualTo(MESSAGES);
            assertThat(tally.stalled().get())
                    .as("messages after which the node neither answered nor hung up in 5 s")
                    .isZero();
            assertThat(statusFailures.get()).as("status requests that failed").isZero();
            assertThat(p99).as("p99 of GET /status during the campaign, ms").isLessThan(500);
            assertThat(heightDuring).as("blocks mined during the campaign").isPositive();
            assertThat(fdsAfter).as("open file descriptors after the campaign").isLessThanOrEqualTo(fdsBefore + 8);
            assertThat(heapAfter).as("heap after GC, bytes").isLessThan(heapBefore + (64L << 20));
        }
    }

    /**
     * One attacker: handshakes under a fresh node id, then sends a mutated frame followed by a ping
     * and reads until the pong (the node read the frame and kept the connection) or the end of the
     * stream (it dropped the connection); then reconnects as someone new. So every message counted was
     * read by the node, not left in a socket buffer.
     */
    private static void attack(int port, Hash chainId, List<byte[]> goods, SplitMix64 rng, Tally tally)
            throws IOException {
        while (tally.processed.get() < MESSAGES) {
            try (TcpScriptedPeer peer = new TcpScriptedPeer(port)) {
                tally.connections.incrementAndGet();
                if (!peer.handshake(chainId, "attacker-" + rng.nextLong()).accepted()) {
                    tally.refused.incrementAndGet();
                    continue;
                }
                while (tally.processed.get() < MESSAGES) {
                    byte[] good = goods.get(rng.nextInt(goods.size()));
                    long nonce = rng.nextLong();
                    peer.write(TcpScriptedPeer.frame(Mutations.mutate(good, rng)));
                    try {
                        peer.send(new WireMessage.Ping(nonce));
                        while (!(peer.read() instanceof WireMessage.Pong p && p.nonce() == nonce)) {
                            // the node's answers to what the mutation asked for
                        }
                    } catch (SocketTimeoutException e) {
                        tally.processed.incrementAndGet();
                        tally.stalled.incrementAndGet();
                        break;
                    } catch (IOException e) {
                        tally.processed.incrementAndGet();
                        tally.dropped.incrementAndGet();
                        break;
                    }
                    tally.processed.incrementAndGet();
                    tally.kept.incrementAndGet();
                }
            } catch (IOException e) {
                tally.connectFailures.incrementAndGet(); // refused or cut during the handshake
            }
        }
    }

    /** What the attackers saw. */
    private record Tally(
            AtomicInteger processed,
            AtomicInteger kept,
            AtomicInteger dropped,
            AtomicInteger stalled,
            AtomicInteger connections,
            AtomicInteger refused,
            AtomicInteger connectFailures) {
        Tally() {
            this(
                    new AtomicInteger(),
                    new AtomicInteger(),
                    new AtomicInteger(),
                    new AtomicInteger(),
                    new AtomicInteger(),
                    new AtomicInteger(),
                    new AtomicInteger());
        }
    }

    private static long statusMillis(HttpClient http, URI status) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("status " + r.statusCode());
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : Arrays.stream(fds).count();
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
