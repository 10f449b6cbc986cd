package io.learnchain.cli.node;

import io.learnchain.node.LearnchainNode;
import io.learnchain.node.p2p.PeerInfo;
import io.learnchain.node.p2p.netty.P2pNetwork;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar for `learnchain node` while it is behind its peers (the best height a ready peer
 * announced): shown only on a terminal and never with --json, from the height the node had when it
 * fell behind to the peers' best height; it closes once the node has caught up.
 */
final class SyncProgress {
    private static final long POLL_MILLIS = 500;
    /** Fewer blocks behind than this is following the network, not syncing. */
    private static final long MIN_GAP = 3;

    private SyncProgress() {}

    /** Starts the watcher (a daemon thread) when the node runs the peer protocol. */
    static void start(LearnchainNode node) {
        node.peers().ifPresent(peers -> {
            Thread t = new Thread(() -> watch(node, peers), "learnchain-sync-progress");
            t.setDaemon(true);
            t.start();
        });
    }

    private static void watch(LearnchainNode node, P2pNetwork peers) {
        ProgressBar bar = null;
        long from = 0;
        try {
            while (true) {
                long height = node.chain().head().height().value();
                long target = peers.service().peers().stream()
                        .filter(PeerInfo::ready)
                        .mapToLong(PeerInfo::bestHeight)
                        .max()
                        .orElse(height);
                if (bar == null && target - height >= MIN_GAP) {
                    from = height;
                    bar = new ProgressBarBuilder()
                            .setTaskName("sync")
                            .setInitialMax(target - from)
                            .setUnit(" blocks", 1)
                            .build();
                }
                if (bar != null) {
                    bar.maxHint(Math.max(1, target - from));
                    bar.stepTo(Math.max(0, height - from));
                    if (height >= target) {
                        bar.close();
                        bar = null;
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the node is closing (its stores are gone): the bar simply stops
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
