package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.p2p.wire.WireMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches blobs (training sets, shards, models) from peers in chunks, one chunk in flight per blob.
 * The first chunk fixes the total size (refused above the store's limit); chunks must arrive in
 * order from the peer asked; the assembled bytes are kept only if they hash to the name asked for.
 * A peer that sends a wrong blob is banned; one that does not have it, or is too slow, is replaced
 * by another peer that has not been tried for that blob.
 */
final class BlobFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(BlobFetcher.class);

    /** The first chunk asked of a peer; later ones are sized to the rate that peer delivered. */
    static final int FIRST_CHUNK_BYTES = 64 * 1024;
    /** Every peer tried: how long before all are asked again, and how many times. */
    static final long RETRY_MILLIS = 10_000;

    static final int RETRY_ROUNDS = 6;

    private static final class Fetch {
        final Hash hash;
        final Set<Peer> tried = new HashSet<>();
        final List<Runnable> onStored = new ArrayList<>();
        final List<Runnable> onGiveUp = new ArrayList<>();
        Peer from;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long total = -1;
        long deadline;
        long askedAt;
        int nextChunk = FIRST_CHUNK_BYTES;
        int rounds;

        Fetch(Hash hash) {
            this.hash = hash;
        }
    }

    private final PeerService peers;
    private final BlobStore blobs;
    private final int chunkBytes;
    private final Map<Hash, Fetch> active = new LinkedHashMap<>();
    private final Consumer<Hash> stored;

    BlobFetcher(PeerService peers, BlobStore blobs, int chunkBytes, Consumer<Hash> stored) {
        this.peers = peers;
        this.blobs = blobs;
        this.chunkBytes = chunkBytes;
        this.stored = stored;
    }

    /** Fetches {@code hash}, first from {@code preferred}; runs {@code then} once it is stored (at once if it is). */
    void fetch(Hash hash, Peer preferred, Runnable then) {
        fetch(hash, preferred, then, () -> {});
    }

    /** As {@link #fetch(Hash, Peer, Runnable)}; runs {@code orElse} if no peer sent it after every retry. */
    void fetch(Hash hash, Peer preferred, Runnable then, Runnable orElse) {
        if (has(hash)) {
            then.run();
            return;
        }
        Fetch fetch = active.get(hash);
        if (fetch != null) {
            fetch.onStored.add(then);
            fetch.onGiveUp.add(orElse);
            return;
        }
        fetch = new Fetch(hash);
        fetch.onStored.add(then);
        fetch.onGiveUp.add(orElse);
        active.put(hash, fetch);
        ask(fetch, Optional.ofNullable(preferred).filter(Peer::ready));
    }

    boolean fetching(Hash hash) {
        return active.containsKey(hash);
    }

    private boolean has(Hash hash) {
        try {
            return blobs.contains(hash);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks {@code peer}, or the next untried ready peer. When every peer has been tried, all are
     * asked again after {@link #RETRY_MILLIS} (a peer may have been slow, or may get the blob
     * meanwhile), {@link #RETRY_ROUNDS} times; then the fetch gives up and says so to its waiters.
     */
    private void ask(Fetch fetch, Optional<Peer> peer) {
        Optional<Peer> next = peer.filter(p -> !fetch.tried.contains(p))
                .or(() -> peers.readyPeers().stream()
                        .filter(p -> !fetch.tried.contains(p))
                        .findFirst());
        if (next.isEmpty()) {
            fetch.from = null;
            if (fetch.rounds++ < RETRY_ROUNDS) {
                LOG.info("no peer sent blob {}; asking again in {} s", fetch.hash.shortHex(), RETRY_MILLIS / 1000);
                fetch.tried.clear();
                fetch.deadline = peers.now() + RETRY_MILLIS;
                return;
            }
            LOG.info("no peer has blob {}; it is asked for again when a block needs it", fetch.hash.shortHex());
            active.remove(fetch.hash);
            fetch.onGiveUp.forEach(Runnable::run);
            return;
        }
        fetch.from = next.get();
        fetch.tried.add(fetch.from);
        fetch.bytes = new ByteArrayOutputStream();
        fetch.total = -1;
        fetch.nextChunk = FIRST_CHUNK_BYTES;
        requestChunk(fetch);
    }

    /**
     * Asks for the next chunk, sized so that it arrives in about one request timeout at the rate this
     * peer has delivered (64 KiB first, at most the wire's chunk limit): a slow link (a long round
     * trip with loss limits TCP to tens of KB/s) gets small chunks that meet the deadline instead of
     * 1 MiB chunks that never do.
     */
    private void requestChunk(Fetch fetch) {
        fetch.askedAt = peers.now();
        fetch.deadline = fetch.askedAt + peers.config().requestTimeoutMillis() * 4;
        peers.send(
                fetch.from,
                new WireMessage.GetBlob(fetch.hash, fetch.bytes.size(), Math.min(fetch.nextChunk, chunkBytes)));
    }

    /** The next chunk's size from the last one's rate: what arrives in one request timeout. */
    private int nextChunk(int lastBytes, long elapsedMillis) {
        long perTimeout = lastBytes * peers.config().requestTimeoutMillis() / Math.max(1, elapsedMillis);
        return (int) Math.max(FIRST_CHUNK_BYTES, Math.min(chunkBytes, perTimeout));
    }

    /** Returns false when the chunk was not asked for (the caller decides what that costs). */
    boolean onChunk(Peer peer, WireMessage.BlobChunk chunk) {
        Fetch fetch = active.get(chunk.hash());
        if (fetch == null || fetch.from != peer || chunk.offset() != fetch.bytes.size()) {
            return false;
        }
        if (fetch.total < 0) {
            if (chunk.total() > blobs.maxBlobBytes()) {
                peers.punish(
                        peer,
                        Peer.BAN_THRESHOLD,
                        "offered blob " + chunk.hash().shortHex() + " of " + chunk.total() + " bytes, over the limit "
                                + blobs.maxBlobBytes());
                ask(fetch, Optional.empty());
                return true;
            }
            fetch.total = chunk.total();
        } else if (chunk.total() != fetch.total) {
            peers.punish(
                    peer,
                    Peer.BAN_THRESHOLD,
                    "changed the size of blob " + chunk.hash().shortHex() + " mid-transfer");
            ask(fetch, Optional.empty());
            return true;
        }
        if (chunk.bytes().length() == 0 && fetch.total > 0) {
            peers.punish(
                    peer,
                    Peer.BAN_THRESHOLD,
                    "sent an empty chunk of blob " + chunk.hash().shortHex());
            ask(fetch, Optional.empty());
            return true;
        }
        fetch.bytes.writeBytes(chunk.bytes().unsafeArray());
        fetch.nextChunk = nextChunk(chunk.bytes().length(), peers.now() - fetch.askedAt);
        if (fetch.bytes.size() < fetch.total) {
            requestChunk(fetch);
        } else {
            complete(fetch);
        }
        return true;
    }

    private void complete(Fetch fetch) {
        byte[] bytes = fetch.bytes.toByteArray();
        Hash got = Hash.sha256(bytes);
        if (!got.equals(fetch.hash)) {
            peers.punish(
                    fetch.from,
                    Peer.BAN_THRESHOLD,
                    "sent bytes hashing to " + got.shortHex() + " for blob " + fetch.hash.shortHex());
            ask(fetch, Optional.empty());
            return;
        }
        try {
            blobs.put(bytes);
        } catch (IOException e) {
            LOG.error(
                    "cannot store fetched blob {}: {}; it is fetched again when needed",
                    fetch.hash.shortHex(),
                    e.getMessage());
            active.remove(fetch.hash);
            return;
        }
        active.remove(fetch.hash);
        LOG.debug("fetched blob {} ({} bytes) from {}", fetch.hash.shortHex(), bytes.length, fetch.from.name());
        stored.accept(fetch.hash);
        fetch.onStored.forEach(Runnable::run);
    }

    /** The peer does not have it: not an offence; ask another. */
    boolean onNotFound(Peer peer, Hash hash) {
        Fetch fetch = active.get(hash);
        if (fetch == null || fetch.from != peer) {
            return false;
        }
        ask(fetch, Optional.empty());
        return true;
    }

    /** Replaces peers that are too slow with a chunk, and those that left. */
    void tick(long now) {
        for (Fetch fetch : List.copyOf(active.values())) {
            if (fetch.from == null) {
                if (now > fetch.deadline) {
                    ask(fetch, Optional.empty()); // every peer again, after the retry pause
                }
            } else if (fetch.from.closed() || now > fetch.deadline) {
                LOG.info("blob {} from {} stalled; asking another peer", fetch.hash.shortHex(), fetch.from.name());
                ask(fetch, Optional.empty());
            }
        }
    }
}
