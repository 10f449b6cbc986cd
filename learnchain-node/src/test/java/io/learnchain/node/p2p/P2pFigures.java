package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.pole.PoleFixture;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.testkit.ChainBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peer layer's figures over in-process Netty on loopback (run as a main from the test class
 * path; see docs/p2p.md): time for a candidate block with its model blob to reach all of 3 and of
 * 5 nodes, sync speed in blocks per second at {@code accuracy} and {@code replay}, heap per node.
 */
final class P2pFigures {
    private P2pFigures() {}

    public static void main(String[] args) throws Exception {
        PoleFixture pole = new PoleFixture();
        List<Block> chain = poleChain(pole, Integer.parseInt(args.length > 0 ? args[0] : "4"), 200);
        for (int nodes : new int[] {3, 5}) {
            for (int modelBytes : new int[] {1_024, 400_000, 4_000_000}) {
                propagation(pole, chain, nodes, modelBytes);
            }
        }
        for (VerifyLevel level : VerifyLevel.values()) {
            syncSpeed(pole, chain, level);
        }
        idleSync(2_000);
    }

    /** {@code tasks} tasks of 3 rounds each: an idle block posting the task, then 3 honest pole blocks. */
    static List<Block> poleChain(PoleFixture pole, int tasks, long steps) {
        List<Block> out = new ArrayList<>();
        ChainTip tip = ChainTip.genesis(pole.genesis);
        long requesterNonce = 0;
        for (int t = 0; t < tasks; t++) {
            Block post = pole.idle(tip, List.of(pole.postTask(requesterNonce++)));
            tip = pole.connect(tip, post);
            out.add(post);
            for (int r = 0; r < 3; r++) {
                PoleFixture.Honest h = pole.honest(tip, PoleFixture.MINER, 1 + r, steps, requesterNonce++);
                tip = pole.connect(tip, h.block());
                out.add(h.block());
            }
        }
        return out;
    }

    static List<NettyTestNode> mesh(PoleFixture pole, int n, VerifyLevel level) throws InterruptedException {
        List<NettyTestNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new NettyTestNode("n" + i, pole.genesis, P2pTestNode.config("n" + i, level)));
        }
        for (int i = 1; i < n; i++) {
            nodes.get(i).dial(nodes.get(i - 1)); // a line: the farthest node is n-1 hops away
        }
        NettyPeerTest.waitFor(
                "handshakes",
                10_000,
                () -> nodes.stream().allMatch(x -> x.peers().readyCount() >= 1));
        return nodes;
    }

    static void propagation(PoleFixture pole, List<Block> chain, int n, int modelBytes) throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        List<NettyTestNode> nodes = mesh(pole, n, VerifyLevel.SEGMENTS);
        Block post = chain.getFirst();
        nodes.forEach(x -> x.node.importAll(List.of(post)));
        long[] times = new long[12];
        for (int round = 0; round < times.length; round++) {
            byte[] model = new byte[modelBytes];
            for (int i = 0; i < model.length; i++) {
                model[i] = (byte) (i * 31 + round);
            }
            ChainTip t1 = pole.connect(ChainTip.genesis(pole.genesis), post);
            Block candidate = pole.pole(
                    t1,
                    PoleFixture.MINER,
                    Hash.sha256(model),
                    PoleFixture.record(t1, PoleFixture.MINER, round, 10, new TrainingStart.FromSeed(round)),
                    round,
                    7,
                    List.of(),
                    pole.reveal(t1, 1));
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            for (NettyTestNode x : nodes) {
                x.node.tap = m -> {
                    if (m instanceof GossipMessage.Candidate c
                            && c.block().hash().equals(candidate.hash())) {
                        arrived.put(x.node.name, System.nanoTime());
                    }
                };
            }
            long start = System.nanoTime();
            nodes.getFirst().peers().broadcast(new GossipMessage.Candidate(candidate, model, List.of()));
            NettyPeerTest.waitFor("the candidate everywhere", 30_000, () -> arrived.size() == n - 1);
            times[round] =
                    arrived.values().stream().mapToLong(v -> v - start).max().orElseThrow();
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        long[] measured = Arrays.copyOfRange(times, 2, times.length); // the first two warm up
        Arrays.sort(measured);
        System.out.printf(
                "propagation: %d nodes (line), candidate + model of %,d bytes: median %.2f ms, max %.2f ms"
                        + " (%d runs); heap per node %.1f MiB, Netty direct memory %.1f MiB%n",
                n,
                modelBytes,
                measured[measured.length / 2] / 1e6,
                measured[measured.length - 1] / 1e6,
                measured.length,
                (after - before) / (double) n / (1 << 20),
                io.netty.util.internal.PlatformDependent.usedDirectMemory() / (double) (1 << 20));
        nodes.forEach(NettyTestNode::close);
    }

    static void syncSpeed(PoleFixture pole, List<Block> chain, VerifyLevel level) throws Exception {
        NettyTestNode a = new NettyTestNode("src", pole.genesis, P2pTestNode.config("src", VerifyLevel.SEGMENTS));
        a.node.putBlobs(pole.blobs());
        a.node.importAll(chain);
        NettyTestNode b = new NettyTestNode("dst", pole.genesis, P2pTestNode.config("dst", level));
        long start = System.nanoTime();
        b.dial(a);
        NettyPeerTest.waitFor("sync", 600_000, () -> b.node.height() == chain.size());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "sync at %s: %d blocks (%d pole blocks, 200 training steps each, blobs fetched) in %.2f s = "
                        + "%.1f blocks/s%n",
                level, chain.size(), chain.size() * 3 / 4, seconds, chain.size() / seconds);
        b.close();
        a.close();
    }

    static void idleSync(int blocks) throws Exception {
        ChainBuilder builder = ChainBuilder.devnet();
        builder.addEmptyBlocks(blocks);
        NettyTestNode a = new NettyTestNode("src", builder.genesis(), P2pTestNode.config("src", VerifyLevel.SEGMENTS));
        a.node.importAll(builder.blocks());
        NettyTestNode b = new NettyTestNode("dst", builder.genesis(), P2pTestNode.config("dst", VerifyLevel.SEGMENTS));
        long start = System.nanoTime();
        b.dial(a);
        NettyPeerTest.waitFor("sync", 600_000, () -> b.node.height() == blocks);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("sync of %d idle blocks: %.2f s = %.0f blocks/s%n", blocks, seconds, blocks / seconds);
        b.close();
        a.close();
    }
}
