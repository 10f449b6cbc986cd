package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.state.TaskState;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainHead;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import io.learnchain.node.p2p.wire.PeerAddress;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireMessage;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer protocol, independent of the transport (PROTOCOL.md 6): handshake, pings, status,
 * serving headers, blocks and blobs, gossip with de-duplication, misbehaviour scores and bans,
 * headers-first sync ({@link SyncProcess}) and blob fetching ({@link BlobFetcher}). It is the
 * {@link GossipNetwork} port of the pole roles: {@link #broadcast} gossips to every ready peer.
 *
 * <p>Threads: transports call {@link #onConnected}, {@link #onMessage} and {@link #onClosed} from
 * their own threads. Decoding, pings and bans for malformed frames happen there at once (so a busy
 * node still answers pings and drops abusers); everything else runs on the {@link Scheduler}, one
 * task at a time, which is also where the pole roles and the chain run.
 */
public final class PeerService implements GossipNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(PeerService.class);
    private static final long TICK_MILLIS = 500;
    private static final int SEEN_CAPACITY = 32_768;
    /** Pending transactions a new peer is sent when the handshake completes. */
    private static final int MEMPOOL_ON_CONNECT = 500;

    private final P2pConfig config;
    private final ChainService chain;
    private final BlobStore blobStore;
    /** When a task's training set that no peer had may be asked for again. */
    private final Map<Hash, Long> taskDataRetryAt = new HashMap<>();

    private static final long TASK_DATA_RETRY_MILLIS = 10_000;
    private final Scheduler scheduler;
    private final GossipSink sink;
    private final WireCodec codec;
    private final BanList bans = new BanList();
    private final Map<PeerLink, Peer> peers = new ConcurrentHashMap<>();
    /** Held while an inbound connection takes a slot, so two arrivals do not evict for the same one. */
    private final Object inboundSlots = new Object();

    private final AddressBook addresses = new AddressBook();
    private final Map<Hash, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > SEEN_CAPACITY;
        }
    };
    private final ChainRequests requests;
    private final BlobFetcher fetcher;
    private final SyncProcess sync;
    private Hash announcedTip;
    private volatile boolean running;

    public PeerService(
            P2pConfig config, ChainService chain, BlobStore blobStore, Scheduler scheduler, GossipSink sink) {
        this.config = config;
        this.chain = chain;
        this.blobStore = blobStore;
        this.scheduler = scheduler;
        this.sink = sink;
        this.codec = new WireCodec(config.limits());
        this.requests = new ChainRequests(chain, blobStore, config.limits());
        this.fetcher = new BlobFetcher(this, blobStore, config.limits().maxChunkBytes(), h -> {});
        this.sync = new SyncProcess(this, chain, fetcher);
        this.announcedTip = chain.head().hash();
        config.peers().forEach(a -> addresses.tried(a, scheduler.nowMillis()));
    }

    /** Starts the periodic work (status announcements, pings, timeouts, stall replacement). */
    public void start() {
        running = true;
        scheduler.after(TICK_MILLIS, this::tick);
    }

    public void stop() {
        running = false;
        peers.keySet().forEach(l -> l.close("node shutting down"));
    }

    /** Stops the periodic work but keeps the connections (a simulation winding down lets its queue run dry). */
    public void quiesce() {
        running = false;
    }

    // ---- transport side (any thread) --------------------------------------------------------

    public void onConnected(PeerLink link) {
        Peer peer = new Peer(link, scheduler.nowMillis());
        if (link.inbound()) {
            if (bans.isBanned(link.banKey(), scheduler.nowMillis())) {
                link.close("banned");
                return;
            }
            synchronized (inboundSlots) {
                List<Peer> inbound = peers.values().stream()
                        .filter(p -> p.link.inbound() && !p.closed())
                        .toList();
                if (inbound.size() >= config.maxInbound()) {
                    Optional<Peer> evicted = InboundEviction.choose(inbound);
                    if (evicted.isEmpty()) {
                        link.close("inbound limit reached");
                        return;
                    }
                    LOG.debug(
                            "peer {} evicted to make room for {}", evicted.get().name(), link.address());
                    disconnect(evicted.get(), "evicted to make room for a new inbound peer");
                }
                peers.put(link, peer);
            }
        } else {
            peers.put(link, peer);
        }
        ChainHead head = chain.head();
        link.send(codec.encode(new WireMessage.Hello(
                WireCodec.PROTOCOL_VERSION,
                chain.genesis().chainId(),
                head.height(),
                head.hash(),
                config.nodeId(),
                config.listenPort())));
        scheduler.after(config.handshakeTimeoutMillis(), () -> {
            if (!peer.ready() && !peer.closed()) {
                disconnect(peer, "no handshake within " + config.handshakeTimeoutMillis() + " ms");
            }
        });
    }

    /** One whole frame from {@code link}. */
    public void onMessage(PeerLink link, byte[] frame) {
        Peer peer = peers.get(link);
        if (peer == null || peer.closed()) {
            return;
        }
        WireMessage message;
        try {
            message = codec.decode(frame);
        } catch (CodecException e) {
            punish(peer, Peer.BAN_THRESHOLD, "a malformed message: " + e.getMessage());
            return;
        }
        if (message instanceof WireMessage.Ping ping && peer.ready()) {
            link.send(codec.encode(new WireMessage.Pong(ping.nonce()))); // answered here, however busy the node is
            peer.lastReceivedMillis = scheduler.nowMillis();
            return;
        }
        scheduler.after(0, () -> handle(peer, message));
    }

    /** An oversized or unframeable stream from {@code link} (the transport's framing failed). */
    public void onFramingError(PeerLink link, String why) {
        Peer peer = peers.get(link);
        if (peer != null) {
            punish(peer, Peer.BAN_THRESHOLD, why);
        } else {
            bans.ban(link.banKey(), why, scheduler.nowMillis() + config.banMillis());
            link.close(why);
        }
    }

    public void onClosed(PeerLink link) {
        Peer peer = peers.remove(link);
        if (peer != null) {
            peer.markClosed();
            scheduler.after(0, () -> sync.onClosed(peer));
        }
    }

    // ---- the GossipNetwork port --------------------------------------------------------------------

    /** Gossips {@code message} to every ready peer, unless it was already seen (received or sent) here. */
    @Override
    public void broadcast(GossipMessage message) {
        scheduler.after(0, () -> {
            if (seen.put(GossipChecks.id(message), Boolean.TRUE) == null) {
                relay(message, null);
            }
        });
    }

    // ---- protocol (scheduler thread) ---------------------------------------------------------

    private void handle(Peer peer, WireMessage message) {
        if (peer.closed()) {
            return;
        }
        peer.lastReceivedMillis = scheduler.nowMillis();
        if (message instanceof WireMessage.Hello h) {
            onHello(peer, h);
        } else if (message instanceof WireMessage.HelloAck a) {
            onHelloAck(peer, a);
        } else if (!peer.ready()) {
            punish(peer, Peer.BAN_THRESHOLD, "a " + message.getClass().getSimpleName() + " before the handshake");
        } else {
            dispatch(peer, message);
        }
    }

    private void onHello(Peer peer, WireMessage.Hello hello) {
        if (peer.hello().isPresent()) {
            punish(peer, Peer.BAN_THRESHOLD, "a second handshake");
            return;
        }
        Optional<String> refusal = refusal(hello);
        if (refusal.isPresent()) {
            LOG.info("refused peer {}: {}", peer.name(), refusal.get());
            send(peer, WireMessage.HelloAck.refuse(refusal.get()));
            disconnect(peer, refusal.get());
            return;
        }
        peer.helloReceived(hello);
        send(peer, WireMessage.HelloAck.accept());
        if (peer.ready()) {
            onReady(peer);
        }
    }

    private Optional<String> refusal(WireMessage.Hello hello) {
        if (hello.protocolVersion() != WireCodec.PROTOCOL_VERSION) {
            return Optional.of("peer protocol version " + hello.protocolVersion() + ", this node speaks "
                    + WireCodec.PROTOCOL_VERSION + ": upgrade the older node");
        }
        if (!hello.chainId().equals(chain.genesis().chainId())) {
            return Optional.of("chain id " + hello.chainId().toHex() + " differs from this node's "
                    + chain.genesis().chainId().toHex() + ": the nodes run different genesis files");
        }
        if (hello.nodeId().equals(config.nodeId())) {
            return Optional.of("a node cannot connect to itself");
        }
        if (bans.isBanned("node:" + hello.nodeId().toHex(), scheduler.nowMillis())) {
            return Optional.of("this node id is banned for a while");
        }
        boolean duplicate = peers.values().stream()
                .anyMatch(p -> p.ready()
                        && p.hello().map(h -> h.nodeId().equals(hello.nodeId())).orElse(false));
        return duplicate ? Optional.of("already connected to this node") : Optional.empty();
    }

    private void onHelloAck(Peer peer, WireMessage.HelloAck ack) {
        if (!ack.accepted()) {
            LOG.warn("peer {} refused this node: {}", peer.name(), ack.reason());
            disconnect(peer, "refused: " + ack.reason());
            return;
        }
        if (!peer.ackReceived()) {
            punish(peer, Peer.BAN_THRESHOLD, "a second handshake acknowledgement");
            return;
        }
        if (peer.ready()) {
            onReady(peer);
        }
    }

    private void onReady(Peer peer) {
        LOG.info(
                "peer {} ready ({}, best height {})",
                peer.name(),
                peer.link.inbound() ? "inbound" : "outbound",
                peer.bestHeight());
        peer.hello().filter(h -> h.listenPort() > 0).ifPresent(h -> remember(peer, h.listenPort()));
        send(peer, new WireMessage.GetPeers());
        for (var tx : chain.mempool().pending(MEMPOOL_ON_CONNECT)) {
            send(peer, new WireMessage.Gossip(new GossipMessage.Transaction(tx))); // what it missed while away
        }
        sync.consider(peer);
        fetchMissingTaskData();
    }

    /**
     * Fetches, from any ready peer, the training set of every open task on the tip that is not
     * stored here: a miner trains a task's rounds on it and a verifier judges candidates with it, so
     * neither may wait for it to come with the first round's block (found by NamespaceNetworkIT: only
     * the node that posted a task could train its first round). Called as blocks connect.
     */
    public void fetchTaskData() {
        scheduler.after(0, this::fetchMissingTaskData);
    }

    private void fetchMissingTaskData() {
        if (readyPeers().isEmpty()) {
            return;
        }
        long now = scheduler.nowMillis();
        for (TaskState task : chain.head().tip().state().tasks().all()) {
            Hash data = task.terms().trainingSet();
            if (!task.isOpen()
                    || fetcher.fetching(data)
                    || now < taskDataRetryAt.getOrDefault(data, 0L)
                    || !missing(data)) {
                continue;
            }
            taskDataRetryAt.put(data, now + TASK_DATA_RETRY_MILLIS); // no peer may have it yet
            fetcher.fetch(data, null, () -> LOG.info("task {}: training set {} fetched", task.id(), data.shortHex()));
        }
        taskDataRetryAt.keySet().removeIf(h -> !fetcher.fetching(h) && taskDataRetryAt.get(h) < now);
    }

    private void remember(Peer peer, int listenPort) {
        String address = peer.link.address();
        int colon = address.lastIndexOf(':');
        if (colon > 0) {
            String host = address.substring(0, colon)
                    .replace("[", "")
                    .replace("]", "")
                    .replace("/", "");
            try {
                addresses.tried(new PeerAddress(host, listenPort), scheduler.nowMillis());
            } catch (IllegalArgumentException e) {
                LOG.debug("peer {} has no usable address: {}", address, e.getMessage());
            }
        }
    }

    private void dispatch(Peer peer, WireMessage message) {
        switch (message) {
            case WireMessage.Hello h -> throw new IllegalStateException("handled before dispatch");
            case WireMessage.HelloAck a -> throw new IllegalStateException("handled before dispatch");
            case WireMessage.Ping p -> send(peer, new WireMessage.Pong(p.nonce()));
            case WireMessage.Pong p -> {}
            case WireMessage.Status s -> {
                peer.best(s.bestHeight(), s.bestHash());
                sync.consider(peer);
            }
            case WireMessage.GetHeaders g -> send(peer, requests.headers(g));
            case WireMessage.Headers h -> unsolicitedUnless(peer, sync.onHeaders(peer, h.headers()), "headers");
            case WireMessage.GetBlocks g -> send(peer, requests.blocks(g));
            case WireMessage.Blocks b -> unsolicitedUnless(peer, sync.onBlocks(peer, b.blocks()), "blocks");
            case WireMessage.GetBlob g -> serveBlob(peer, g);
            case WireMessage.BlobChunk c -> unsolicitedUnless(peer, fetcher.onChunk(peer, c), "a blob chunk");
            case WireMessage.NotFound n -> {
                if (!fetcher.onNotFound(peer, n.hash())) {
                    sync.onNotFound(peer);
                }
            }
            case WireMessage.GetPeers g ->
                send(peer, new WireMessage.Peers(addresses.share(config.limits().maxPeers())));
            case WireMessage.Peers p ->
                p.peers()
                        .forEach(a ->
                                addresses.heardOf(a, AddressBook.hostOf(peer.link.address()), scheduler.nowMillis()));
            case WireMessage.Gossip g -> onGossip(peer, g.message());
        }
    }

    private void unsolicitedUnless(Peer peer, boolean expected, String what) {
        if (!expected) {
            punish(peer, 10, "sent " + what + " that was not asked for");
        }
    }

    /**
     * Answers a blob request within the peer's serving budget (32 MiB/s after a 64 MiB burst): over
     * it the request waits, and past 8 waiting ones it is dropped; an honest fetcher, with one chunk in
     * flight per blob, never meets the limit, and one that does asks again after its timeout.
     */
    private void serveBlob(Peer peer, WireMessage.GetBlob request) {
        long now = scheduler.nowMillis();
        long wait = peer.serveBudget.waitMillis(now);
        if (wait > 0) {
            if (peer.deferredServes < Peer.MAX_DEFERRED_SERVES) {
                peer.deferredServes++;
                scheduler.after(wait, () -> {
                    peer.deferredServes--;
                    if (!peer.closed()) {
                        serveBlob(peer, request);
                    }
                });
            }
            return;
        }
        try {
            WireMessage answer = requests.blob(request);
            if (answer instanceof WireMessage.BlobChunk chunk) {
                peer.serveBudget.spend(chunk.bytes().length(), now);
            }
            send(peer, answer);
        } catch (IOException e) {
            LOG.warn("cannot read blob {} for {}: {}", request.hash().shortHex(), peer.name(), e.getMessage());
            send(peer, new WireMessage.NotFound(request.hash()));
        }
    }

    private void onGossip(Peer peer, GossipMessage message) {
        Hash id = GossipChecks.id(message);
        if (seen.containsKey(id)) {
            return;
        }
        Optional<String> offence = GossipChecks.offence(message, chain.genesis().chainId());
        if (offence.isPresent()) {
            punish(peer, Peer.BAN_THRESHOLD, offence.get());
            return;
        }
        seen.put(id, Boolean.TRUE);
        peer.markUseful(scheduler.nowMillis());
        relay(message, peer);
        if (message instanceof GossipMessage.BlockMsg b) {
            deliverBlock(peer, b);
            return;
        }
        if (message instanceof GossipMessage.Candidate c) {
            deliverCandidate(peer, c);
            return;
        }
        sink.accept(peer.name(), message);
    }

    /** A block whose blobs are missing here is handed on once they are fetched; one with an unknown parent starts sync. */
    private void deliverBlock(Peer peer, GossipMessage.BlockMsg message) {
        Block block = message.block();
        if (chain.blockInfo(block.header().previous()).isEmpty()) {
            sync.consider(peerAt(peer, block));
        }
        deliverWith(peer, message, sync.requiredBlobs(block));
    }

    /**
     * A round's candidate is judged with the task's training set and last winner besides what it
     * carries (its model and opened checkpoints): a node that lacks them (a follower that never
     * trained the task, slow links) fetches them from the sender first, so the candidate can be
     * judged, or imported as a block if the round was decided meanwhile, instead of waiting for sync.
     */
    private void deliverCandidate(Peer peer, GossipMessage.Candidate c) {
        if (chain.blockInfo(c.block().header().previous()).isEmpty()) {
            sync.consider(peerAt(peer, c.block()));
        }
        Set<Hash> carried = new HashSet<>();
        carried.add(Hash.sha256(c.model()));
        c.openings().forEach(o -> carried.add(Hash.sha256(o)));
        deliverWith(
                peer,
                c,
                sync.requiredBlobs(c.block()).stream()
                        .filter(h -> !carried.contains(h))
                        .toList());
    }

    /** Not stored here (or the store cannot say): fetch it. */
    private boolean missing(Hash blob) {
        try {
            return !blobStore.contains(blob);
        } catch (IOException e) {
            return true;
        }
    }

    /** Hands {@code message} to the sink once every blob of {@code required} is stored here. */
    private void deliverWith(Peer peer, GossipMessage message, List<Hash> required) {
        List<Hash> missing = required.stream().distinct().filter(this::missing).toList();
        if (missing.isEmpty()) {
            sink.accept(peer.name(), message);
            return;
        }
        int[] left = {missing.size()};
        missing.forEach(h -> fetcher.fetch(h, peer, () -> {
            if (--left[0] == 0) {
                sink.accept(peer.name(), message);
            }
        }));
    }

    /** A peer that sent {@code block} has at least its height. */
    private static Peer peerAt(Peer peer, Block block) {
        if (block.header().height().value() > peer.bestHeight().value()) {
            peer.best(block.header().height(), block.hash());
        }
        return peer;
    }

    private void relay(GossipMessage message, Peer from) {
        byte[] bytes = codec.encode(new WireMessage.Gossip(message));
        for (Peer p : peers.values()) {
            if (p != from && p.ready()) {
                p.link.send(bytes);
            }
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        long now = scheduler.nowMillis();
        Hash tip = chain.head().hash();
        boolean tipChanged = !tip.equals(announcedTip);
        announcedTip = tip;
        for (Peer p : List.copyOf(peers.values())) {
            if (p.closed()) {
                continue;
            }
            if (now - p.lastReceivedMillis > config.idleTimeoutMillis()) {
                disconnect(p, "idle for " + (now - p.lastReceivedMillis) + " ms");
            } else if (p.ready() && tipChanged) {
                send(p, new WireMessage.Status(chain.head().height(), tip));
            } else if (p.ready() && now - p.lastPingMillis >= config.pingIntervalMillis()) {
                p.lastPingMillis = now;
                send(p, new WireMessage.Ping(now));
            }
        }
        sync.tick(now);
        fetcher.tick(now);
        addresses.expire(now);
        scheduler.after(TICK_MILLIS, this::tick);
    }

    // ---- shared with the sync and fetch parts ------------------------------------------------

    void send(Peer peer, WireMessage message) {
        if (!peer.closed()) {
            peer.link.send(codec.encode(message));
        }
    }

    /** Adds misbehaviour points; at {@link Peer#BAN_THRESHOLD} the peer is banned and disconnected. Any thread. */
    void punish(Peer peer, int points, String why) {
        int score = peer.addScore(points);
        if (score < Peer.BAN_THRESHOLD) {
            LOG.debug("peer {} misbehaved (+{} = {}): {}", peer.name(), points, score, why);
            return;
        }
        long until = scheduler.nowMillis() + config.banMillis();
        bans.ban(peer.link.banKey(), why, until);
        peer.hello().ifPresent(h -> bans.ban("node:" + h.nodeId().toHex(), why, until));
        LOG.warn("banned peer {} for {} s: {}", peer.name(), config.banMillis() / 1000, why);
        disconnect(peer, "banned: " + why);
    }

    /** Marks {@code id} as seen (a block that arrived by sync is not gossiped again). */
    void markSeen(Hash id) {
        seen.put(id, Boolean.TRUE);
    }

    void disconnect(Peer peer, String why) {
        peer.markClosed();
        peer.link.close(why);
    }

    List<Peer> readyPeers() {
        return peers.values().stream().filter(Peer::ready).toList();
    }

    long now() {
        return scheduler.nowMillis();
    }

    P2pConfig config() {
        return config;
    }

    ChainRequests requests() {
        return requests;
    }

    BlobStore blobStore() {
        return blobStore;
    }

    // ---- queries -----------------------------------------------------------------------------

    public List<PeerInfo> peers() {
        return peers.values().stream().map(Peer::info).toList();
    }

    public int readyCount() {
        return (int) peers.values().stream().filter(Peer::ready).count();
    }

    public boolean isBanned(String banKey) {
        return bans.isBanned(banKey, scheduler.nowMillis());
    }

    public BanList bans() {
        return bans;
    }

    /** Known listen addresses of peers (from handshakes, {@code --peer} and peer lists). */
    public List<PeerAddress> addresses() {
        return addresses.all();
    }

    public long syncedBlocks() {
        return sync.blocksImported();
    }

    public long stalls() {
        return sync.stalls();
    }

    public boolean syncing() {
        return sync.syncing();
    }

    public P2pConfig settings() {
        return config;
    }
}
