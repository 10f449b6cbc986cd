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

    private static final class Fetch {
        final Hash hash;
        final Set<Peer> tried = new HashSet<>();
        final List<Runnable> onStored = new ArrayList<>();
        Peer from;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long total = -1;
        long deadline;

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
        if (has(hash)) {
            then.run();
            return;
        }
        Fetch fetch = active.get(hash);
        if (fetch != null) {
            fetch.onStored.add(then);
            return;
        }
        fetch = new Fetch(hash);
        fetch.onStored.add(then);
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

    /** Asks {@code peer}, or the next untried ready peer; gives up (until asked again) when none is left. */
    private void ask(Fetch fetch, Optional<Peer> peer) {
        Optional<Peer> next = peer.filter(p -> !fetch.tried.contains(p))
                .or(() -> peers.readyPeers().stream()
                        .filter(p -> !fetch.tried.contains(p))
                        .findFirst());
        if (next.isEmpty()) {
            LOG.info("no peer has blob {}; it is asked for again when a block needs it", fetch.hash.shortHex());
            active.remove(fetch.hash);
            return;
        }
        fetch.from = next.get();
        fetch.tried.add(fetch.from);
        fetch.bytes = new ByteArrayOutputStream();
        fetch.total = -1;
        requestChunk(fetch);
    }

    private void requestChunk(Fetch fetch) {
        fetch.deadline = peers.now() + peers.config().requestTimeoutMillis() * 4;
        peers.send(fetch.from, new WireMessage.GetBlob(fetch.hash, fetch.bytes.size(), chunkBytes));
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
            if (fetch.from.closed() || now > fetch.deadline) {
                LOG.info("blob {} from {} stalled; asking another peer", fetch.hash.shortHex(), fetch.from.name());
                ask(fetch, Optional.empty());
            }
        }
    }
}
