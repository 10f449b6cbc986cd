package io.learnchain.node.p2p.wire;

/**
 * Bounds on everything a peer can make this node allocate, checked while decoding and before
 * allocating (SCENARIOS.md A4: exactly the limit is accepted, one more disconnects).
 *
 * @param maxFrameBytes largest frame (tag + payload) either side sends or accepts
 * @param maxHeaders headers per {@link WireMessage.Headers} and per {@link WireMessage.GetHeaders}
 * @param maxLocator hashes in a header locator
 * @param maxBlocks blocks per {@link WireMessage.Blocks}, hashes per {@link WireMessage.GetBlocks}
 * @param maxChunkBytes bytes per blob chunk (and per {@link WireMessage.GetBlob})
 * @param maxPeers addresses per {@link WireMessage.Peers}
 * @param maxReasonBytes UTF-8 bytes of a refusal reason
 */
public record WireLimits(
        int maxFrameBytes,
        int maxHeaders,
        int maxLocator,
        int maxBlocks,
        int maxChunkBytes,
        int maxPeers,
        int maxReasonBytes) {
    /** 16 MiB frames (a 4 MiB block with its model), 2,000 headers, 64 blocks, 1 MiB chunks, 1,000 addresses. */
    public static final WireLimits DEFAULT = new WireLimits(16 << 20, 2_000, 64, 64, 1 << 20, 1_000, 512);

    public WireLimits {
        if (maxFrameBytes < 1024
                || maxHeaders < 1
                || maxLocator < 1
                || maxBlocks < 1
                || maxChunkBytes < 1
                || maxPeers < 1
                || maxReasonBytes < 1) {
            throw new IllegalArgumentException("wire limits must be positive and frames at least 1 KiB");
        }
        if (maxChunkBytes > maxFrameBytes - 128) {
            throw new IllegalArgumentException(
                    "a blob chunk of " + maxChunkBytes + " bytes does not fit a frame of " + maxFrameBytes);
        }
    }

    public WireLimits withMaxFrameBytes(int bytes) {
        return new WireLimits(
                bytes,
                maxHeaders,
                maxLocator,
                maxBlocks,
                Math.min(maxChunkBytes, bytes - 128),
                maxPeers,
                maxReasonBytes);
    }
}
