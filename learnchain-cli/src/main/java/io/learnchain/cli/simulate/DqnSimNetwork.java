package io.learnchain.cli.simulate;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.node.dqn.DqnNode;
import io.learnchain.node.pole.Network;
import io.learnchain.node.pole.PoleMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory network of the dqn simulation, like {@link SimNetwork}: a broadcast reaches every
 * other node after a seeded latency (base + uniform jitter up to the base), through the
 * {@link VirtualScheduler}. No message is lost.
 */
final class DqnSimNetwork {
    private final VirtualScheduler scheduler;
    private final long latencyMillis;
    private final SplitMix64 rng;
    private final List<DqnNode> nodes = new ArrayList<>();
    private long messages;

    DqnSimNetwork(VirtualScheduler scheduler, long latencyMillis, long seed) {
        this.scheduler = scheduler;
        this.latencyMillis = latencyMillis;
        this.rng = new SplitMix64(seed);
    }

    void add(DqnNode node) {
        nodes.add(node);
    }

    Network port(int index) {
        return message -> send(index, message);
    }

    private void send(int from, PoleMessage message) {
        String sender = nodes.get(from).name();
        for (int to = 0; to < nodes.size(); to++) {
            if (to == from) {
                continue;
            }
            long delay = latencyMillis + (latencyMillis == 0 ? 0 : rng.nextLong(latencyMillis + 1));
            DqnNode target = nodes.get(to);
            messages++;
            scheduler.after(delay, () -> target.receive(sender, message));
        }
    }

    long messages() {
        return messages;
    }
}
