package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.p2p.wire.WireMessage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers-first sync with one peer at a time (PROTOCOL.md 6): ask the best peer for headers after
 * this node's locator, check that they link up (a header spam grows nothing: headers are held only
 * until their bodies arrive), fetch the bodies in batches, fetch the blobs a block
 * needs when the chain defers it for missing data, and import each block at the configured level.
 * A peer that does not answer in time is disconnected and replaced (SCENARIOS.md A7). What sync
 * remembers of a peer outlives its connection, by node id: its own timeout doubles with each of its
 * stalls (another peer's does not), a peer that has stalled is not taken at once when it reconnects
 * claiming a higher chain, and the next sync peer is the one with the fewest stalls, then the most
 * blocks delivered, then the highest claim (issue 18, item 10). A peer that serves an invalid block
 * is banned.
 */
final class SyncProcess {
    private static final Logger LOG = LoggerFactory.getLogger(SyncProcess.class);
    private static final long MAX_TIMEOUT_MILLIS = 64_000;
    /** Node ids whose standing is remembered; the least recently used is forgotten first. */
    private static final int REMEMBERED_PEERS = 4096;

    /** A peer's record with this node's sync: its stalls and the blocks it delivered. */
    private record Standing(int stalls, long delivered) {
        static final Standing NEW = new Standing(0, 0);
    }

    private enum Phase {
        IDLE,
        HEADERS,
        BODIES,
        BLOBS
    }

    private final PeerService peers;
    private final ChainService chain;
    private final BlobFetcher blobs;
    private final Deque<BlockHeader> queue = new ArrayDeque<>();
    private final Set<Hash> requested = new LinkedHashSet<>();
    private Phase phase = Phase.IDLE;
    private Peer syncPeer;
    private Hash lastHeader;
    private long deadline;
    private long timeoutMillis;
    private long blocksImported;
    private long taskBlocksImported;
    private long stalls;
    private final Map<Hash, Standing> standings = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Standing> eldest) {
            return size() > REMEMBERED_PEERS;
        }
    };

    SyncProcess(PeerService peers, ChainService chain, BlobFetcher blobs) {
        this.peers = peers;
        this.chain = chain;
        this.blobs = blobs;
        this.timeoutMillis = peers.config().requestTimeoutMillis();
    }

    long blocksImported() {
        return blocksImported;
    }

    long stalls() {
        return stalls;
    }

    boolean syncing() {
        return phase != Phase.IDLE;
    }

    /** Whether {@code peer} claims a chain this node should fetch: an unknown best at least as high as ours. */
    private boolean ahead(Peer peer) {
        return peer.ready()
                && chain.blockInfo(peer.bestHash()).isEmpty()
                && !peer.bestHash().equals(chain.genesis().chainId())
                && peer.bestHeight().value() >= chain.head().height().value();
    }

    /**
     * A peer's status changed, or a block from it had an unknown parent. A peer that has stalled
     * before waits for the next tick's choice, where it comes after those that have not.
     */
    void consider(Peer peer) {
        if (phase == Phase.IDLE && ahead(peer) && standing(peer).stalls() == 0) {
            start(peer);
        }
    }

    private Standing standing(Peer peer) {
        return peer.hello()
                .map(h -> standings.getOrDefault(h.nodeId(), Standing.NEW))
                .orElse(Standing.NEW);
    }

    private void record(Peer peer, int stalls, long delivered) {
        peer.hello().ifPresent(h -> {
            Standing s = standings.getOrDefault(h.nodeId(), Standing.NEW);
            standings.put(h.nodeId(), new Standing(s.stalls() + stalls, s.delivered() + delivered));
        });
    }

    /** The request timeout for {@code peer}: the configured one, doubled for each of its own stalls, at most 64 s. */
    private long timeoutFor(Peer peer) {
        int doublings = Math.min(standing(peer).stalls(), 5);
        return Math.min(MAX_TIMEOUT_MILLIS, peers.config().requestTimeoutMillis() << doublings);
    }

    private void start(Peer peer) {
        syncPeer = peer;
        timeoutMillis = timeoutFor(peer);
        lastHeader = null;
        queue.clear();
        requested.clear();
        askHeaders();
    }

    private void askHeaders() {
        phase = Phase.HEADERS;
        List<Hash> locator = new ArrayList<>();
        if (lastHeader != null) {
            locator.add(lastHeader);
        }
        for (Hash h : peers.requests().locator()) {
            if (locator.size() < peers.config().limits().maxLocator()) {
                locator.add(h);
            }
        }
        deadline = peers.now() + timeoutMillis;
        peers.send(
                syncPeer,
                new WireMessage.GetHeaders(locator, peers.config().limits().maxHeaders()));
    }

    /** Returns false when the headers were not asked for. */
    boolean onHeaders(Peer peer, List<BlockHeader> headers) {
        if (peer != syncPeer || phase != Phase.HEADERS) {
            return false;
        }
        if (headers.isEmpty()) {
            finish("the peer has nothing after our locator");
            return true;
        }
        Optional<String> offence = linkUp(headers);
        if (offence.isPresent()) {
            peers.punish(peer, Peer.BAN_THRESHOLD, offence.get());
            finish("bad headers");
            return true;
        }
        lastHeader = headers.getLast().hash();
        headers.stream().filter(h -> chain.blockInfo(h.hash()).isEmpty()).forEach(queue::addLast);
        if (queue.isEmpty()) {
            askHeaders(); // all known (e.g. side-branch blocks): continue after them
        } else {
            askBodies();
        }
        return true;
    }

    /**
     * Headers must chain from a block this node has, one height at a time, idle ones with their
     * work. Signatures are checked once, when each body is imported (a bad one bans the peer then):
     * headers are only held until their bodies arrive, so a spam of them grows nothing.
     */
    private Optional<String> linkUp(List<BlockHeader> headers) {
        Hash expected = headers.getFirst().previous();
        if (chain.blockInfo(expected).isEmpty()
                && !expected.equals(chain.genesis().chainId())) {
            return Optional.of("headers that start after unknown block " + expected.shortHex());
        }
        long height = headers.getFirst().height().value();
        for (BlockHeader h : headers) {
            if (!h.previous().equals(expected) || h.height().value() != height) {
                return Optional.of("headers that do not link up at height " + h.height());
            }
            if (h.proof() instanceof IdleProof && !IdleSealer.hasValidWork(h)) {
                return Optional.of("header " + h.hash().shortHex() + " without its proof of work");
            }
            expected = h.hash();
            height++;
        }
        return Optional.empty();
    }

    private void askBodies() {
        phase = Phase.BODIES;
        requested.clear();
        queue.stream().limit(peers.config().blocksPerRequest()).forEach(h -> requested.add(h.hash()));
        deadline = peers.now() + timeoutMillis;
        peers.send(syncPeer, new WireMessage.GetBlocks(List.copyOf(requested)));
    }

    /** Returns false when none of the blocks was asked for. */
    boolean onBlocks(Peer peer, List<Block> blocks) {
        if (peer != syncPeer || phase != Phase.BODIES) {
            return false;
        }
        Map<Hash, Block> byHash = new HashMap<>();
        for (Block b : blocks) {
            if (!requested.contains(b.hash())) {
                peers.punish(peer, 20, "sent block " + b.hash().shortHex() + " that was not asked for");
                continue;
            }
            Optional<String> offence = GossipChecks.body(b); // the signature is checked once, by the import
            if (offence.isPresent()) {
                peers.punish(peer, Peer.BAN_THRESHOLD, offence.get());
                finish("a mutated block");
                return true;
            }
            byHash.put(b.hash(), b);
        }
        importInOrder(byHash);
        return true;
    }

    private void importInOrder(Map<Hash, Block> received) {
        while (!queue.isEmpty() && received.containsKey(queue.peekFirst().hash())) {
            Block block = received.get(queue.peekFirst().hash());
            peers.markSeen(block.hash());
            ImportResult result = chain.importSynced(block, peers.config().verify());
            switch (result) {
                case ImportResult.Connected c -> accepted();
                case ImportResult.SideChain s -> accepted();
                case ImportResult.AlreadyKnown k -> accepted();
                case ImportResult.Rejected r -> {
                    peers.punish(
                            syncPeer,
                            Peer.BAN_THRESHOLD,
                            "served invalid block " + r.hash().shortHex() + ": " + r.reason() + " (" + r.detail()
                                    + ")");
                    finish("an invalid block");
                    return;
                }
                case ImportResult.Deferred d -> {
                    if (d.reason() == UndecidedReason.MISSING_DATA && fetchBlobs(block)) {
                        return;
                    }
                    LOG.info(
                            "sync from {} paused at block {}: {} ({})",
                            syncPeer.name(),
                            block.hash().shortHex(),
                            d.reason(),
                            d.detail());
                    finish("a deferred block");
                    return;
                }
            }
        }
        logProgress();
        if (queue.isEmpty()) {
            askHeaders();
        } else {
            askBodies();
        }
    }

    private void accepted() {
        BlockHeader done = queue.pollFirst();
        blocksImported++;
        record(syncPeer, 0, 1);
        syncPeer.markUseful(peers.now());
        if (done != null && done.proof() instanceof PoleProof) {
            taskBlocksImported++;
        }
    }

    /**
     * The operator's progress line (PROTOCOL.md 3.6): each batch of synced bodies, how far this node
     * is against its sync peer, and how many task blocks had their work checked on the way.
     */
    private void logProgress() {
        LOG.info(
                "sync from {}: height {} of {} ({} blocks imported, {} task blocks with their work checked at {})",
                syncPeer.name(),
                chain.head().height().value(),
                syncPeer.bestHeight().value(),
                blocksImported,
                taskBlocksImported,
                peers.config().verify());
    }

    /** Starts fetching the blobs {@code block} needs; false when none is missing (the deferral has another cause). */
    private boolean fetchBlobs(Block block) {
        List<Hash> missing =
                requiredBlobs(block).stream().filter(h -> !stored(h)).toList();
        if (missing.isEmpty()) {
            return false;
        }
        phase = Phase.BLOBS;
        deadline = Long.MAX_VALUE; // the fetcher replaces stalling blob peers itself
        Peer from = syncPeer;
        int[] left = {missing.size()};
        for (Hash h : missing) {
            blobs.fetch(
                    h,
                    from,
                    () -> {
                        if (--left[0] == 0 && phase == Phase.BLOBS && syncPeer == from) {
                            phase = Phase.BODIES;
                            importInOrder(Map.of(block.hash(), block));
                        }
                    },
                    () -> {
                        if (phase == Phase.BLOBS && syncPeer == from) {
                            finish("no peer sent blob " + h.shortHex()); // sync starts over, not stuck here
                        }
                    });
        }
        return true;
    }

    /**
     * The blobs a block is verified with: its model, shard and opened checkpoints, the task's
     * training set, the last winner, and the checkpoints its fraud proofs open.
     */
    List<Hash> requiredBlobs(Block block) {
        List<Hash> frauds = block.transactions().stream()
                .filter(tx -> tx instanceof SignedTransaction s && s.body().payload() instanceof WorkFraud)
                .map(tx -> ((WorkFraud) ((SignedTransaction) tx).body().payload()).opening())
                .toList();
        if (!(block.header().proof() instanceof PoleProof p)) {
            return frauds;
        }
        List<Hash> out = new ArrayList<>(List.of(p.modelHash(), p.shardHash()));
        out.addAll(frauds);
        out.addAll(p.work().openings());
        chain.head().tip().state().tasks().get(p.taskId()).ifPresent(task -> {
            out.add(task.terms().trainingSet());
            if (!task.winners().isEmpty()) {
                out.add(task.winners().getLast());
            }
        });
        return out;
    }

    private boolean stored(Hash hash) {
        try {
            return peers.blobStore().contains(hash);
        } catch (IOException e) {
            return false;
        }
    }

    /** The sync peer lacks what it was asked for: not an offence, but sync goes on elsewhere. */
    boolean onNotFound(Peer peer) {
        if (peer != syncPeer || phase == Phase.IDLE || phase == Phase.BLOBS) {
            return false;
        }
        finish("the peer lacks the blocks it announced");
        return true;
    }

    private void finish(String why) {
        LOG.debug("sync with {} ended: {}", syncPeer == null ? "-" : syncPeer.name(), why);
        phase = Phase.IDLE;
        Peer last = syncPeer;
        syncPeer = null;
        queue.clear();
        requested.clear();
        pickNext(last);
    }

    private void pickNext(Peer exclude) {
        peers.readyPeers().stream()
                .filter(p -> p != exclude)
                .filter(this::ahead)
                .min(Comparator.comparingInt((Peer p) -> standing(p).stalls())
                        .thenComparing(
                                Comparator.comparingLong((Peer p) -> standing(p).delivered())
                                        .reversed())
                        .thenComparing(Comparator.comparingLong(
                                        (Peer p) -> p.bestHeight().value())
                                .reversed()))
                .ifPresent(this::start);
    }

    /** Replaces a stalling or departed sync peer (its own timeout doubles); starts sync when a peer is ahead. */
    void tick(long now) {
        if (phase == Phase.IDLE) {
            pickNext(null);
            return;
        }
        if (syncPeer.closed() || now > deadline) {
            stalls++;
            Peer stalled = syncPeer;
            LOG.info(
                    "sync peer {} {} after {} ms; replacing it",
                    stalled.name(),
                    stalled.closed() ? "left" : "stalled",
                    timeoutMillis);
            record(stalled, 1, 0);
            peers.disconnect(stalled, "stalled during sync");
            finish("stalled");
        }
    }

    /** A peer left: if it was the sync peer, go on with another at once. */
    void onClosed(Peer peer) {
        if (peer == syncPeer && phase != Phase.BLOBS) {
            record(peer, 1, 0); // leaving before the timeout must not wipe a staller's record
            finish("the sync peer left");
        }
    }
}
