package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answers what peers ask for: headers after a locator, blocks by hash, blob chunks. Unknown data
 * gets {@link WireMessage.NotFound}, never a penalty (SCENARIOS.md A3: asking is not misbehaving).
 * Answers stay inside the frame limit: fewer blocks than asked are sent when they would not fit.
 */
final class ChainRequests {
    /** Room left in a frame for the message's own fields. */
    private static final int FRAME_MARGIN = 1024;

    private final ChainService chain;
    private final BlobStore blobs;
    private final WireLimits limits;
    private Hash cachedBlobHash;
    private byte[] cachedBlob;

    ChainRequests(ChainService chain, BlobStore blobs, WireLimits limits) {
        this.chain = chain;
        this.blobs = blobs;
        this.limits = limits;
    }

    /** This node's canonical chain as a locator: the last 10 hashes, then doubling gaps, then the genesis. */
    List<Hash> locator() {
        List<Hash> out = new ArrayList<>();
        long height = chain.head().height().value();
        long step = 1;
        while (height > 0 && out.size() < limits.maxLocator() - 1) {
            chain.canonicalHash(Height.of(height)).ifPresent(out::add);
            if (out.size() >= 10) {
                step *= 2;
            }
            height -= step;
        }
        out.add(chain.genesis().chainId());
        return out;
    }

    WireMessage headers(WireMessage.GetHeaders request) {
        Optional<Height> start = forkPoint(request.locator());
        if (start.isEmpty()) {
            return new WireMessage.Headers(List.of());
        }
        long tip = chain.head().height().value();
        long last = Math.min(tip, start.get().value() + Math.min(request.max(), limits.maxHeaders()));
        List<BlockHeader> out = new ArrayList<>();
        for (long h = start.get().value() + 1; h <= last; h++) {
            Optional<Block> block = chain.blockAt(Height.of(h));
            if (block.isEmpty()) {
                break; // the tip moved while answering
            }
            out.add(block.get().header());
        }
        return new WireMessage.Headers(out);
    }

    /** The height of the first locator hash on this node's canonical chain. */
    private Optional<Height> forkPoint(List<Hash> locator) {
        for (Hash hash : locator) {
            if (hash.equals(chain.genesis().chainId())) {
                return Optional.of(Height.GENESIS);
            }
            if (chain.isCanonical(hash)) {
                return chain.blockInfo(hash).map(i -> i.height());
            }
        }
        return Optional.empty();
    }

    WireMessage blocks(WireMessage.GetBlocks request) {
        List<Block> out = new ArrayList<>();
        long size = 0;
        for (Hash hash : request.hashes()) {
            Optional<Block> block = chain.block(hash);
            if (block.isEmpty()) {
                continue;
            }
            size += block.get().encodedSize();
            if (size > limits.maxFrameBytes() - FRAME_MARGIN && !out.isEmpty()) {
                break;
            }
            out.add(block.get());
        }
        if (out.isEmpty()) {
            return new WireMessage.NotFound(
                    request.hashes().isEmpty() ? Hash.ZERO : request.hashes().getFirst());
        }
        return new WireMessage.Blocks(out);
    }

    WireMessage blob(WireMessage.GetBlob request) throws IOException {
        byte[] bytes = read(request.hash());
        if (bytes == null || request.offset() >= Math.max(1, bytes.length)) {
            return new WireMessage.NotFound(request.hash());
        }
        int from = (int) request.offset();
        int to = (int) Math.min(bytes.length, from + (long) Math.min(request.length(), limits.maxChunkBytes()));
        return new WireMessage.BlobChunk(
                request.hash(), from, bytes.length, Bytes.wrap(Arrays.copyOfRange(bytes, from, to)));
    }

    /** The last blob served stays in memory: a blob is read once, not once per chunk. */
    private byte[] read(Hash hash) throws IOException {
        if (hash.equals(cachedBlobHash)) {
            return cachedBlob;
        }
        Optional<byte[]> bytes = blobs.get(hash);
        if (bytes.isEmpty()) {
            return null;
        }
        cachedBlobHash = hash;
        cachedBlob = bytes.get();
        return cachedBlob;
    }
}
