package io.learnchain.sim;

import java.util.List;
import java.util.Optional;

/**
 * One simulation run.
 *
 * @param nodes full nodes, each with a miner; node 0 is also the requester
 * @param rounds rounds (blocks) the task spans
 * @param latencyMillis base one-way latency (each message adds a seeded jitter up to it)
 * @param threads compute threads for training and evaluation (never changes a result)
 * @param adversaries kinds of misbehaving nodes, one node each, taken from the last nodes
 * @param partition a split of the network for a window of virtual time, healed by sync
 */
public record SimConfig(
        int nodes,
        int rounds,
        TaskPreset task,
        long seed,
        long latencyMillis,
        int threads,
        List<Adversary> adversaries,
        Optional<PartitionSpec> partition) {
    public SimConfig(
            int nodes,
            int rounds,
            TaskPreset task,
            long seed,
            long latencyMillis,
            int threads,
            List<Adversary> adversaries) {
        this(nodes, rounds, task, seed, latencyMillis, threads, adversaries, Optional.empty());
    }

    public SimConfig {
        adversaries = List.copyOf(adversaries);
        partition.ifPresent(p -> p.check(nodes));
        if (nodes < 1 || nodes > 64) {
            throw new IllegalArgumentException("--nodes must be in [1, 64], got " + nodes);
        }
        if (rounds < 1 || rounds > 64) {
            throw new IllegalArgumentException("--rounds must be in [1, 64] (one test shard per round), got " + rounds);
        }
        if (latencyMillis < 0 || threads < 1) {
            throw new IllegalArgumentException("--latency must be >= 0 and --threads >= 1");
        }
        for (Adversary a : adversaries) {
            if (a.privateOnly() && !task.privateData()) {
                throw new IllegalArgumentException("--adversary " + a.flag()
                        + " attacks a private task's round keys: run it with --task mlp-small-private");
            }
        }
        if (adversaries.stream().filter(Adversary::requesterSide).count() > 1) {
            throw new IllegalArgumentException("one requester-side adversary at most (node 0 plays it), got "
                    + adversaries.stream()
                            .filter(Adversary::requesterSide)
                            .map(Adversary::flag)
                            .toList());
        }
        if (adversaries.contains(Adversary.SELECTIVE_KEYS) && partition.isPresent()) {
            throw new IllegalArgumentException(
                    "--adversary selective-keys sends to one node, which the partitioned (peer protocol) network does not");
        }
        if (adversaries.size() >= nodes) {
            throw new IllegalArgumentException("at least one honest node is needed: " + adversaries.size()
                    + " adversaries among " + nodes + " nodes");
        }
    }
}
