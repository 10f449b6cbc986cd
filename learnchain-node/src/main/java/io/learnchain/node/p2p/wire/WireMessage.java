package io.learnchain.node.p2p.wire;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.node.gossip.GossipMessage;
import java.util.List;
import java.util.Objects;

/**
 * Everything two peers say to each other (PROTOCOL.md 6): a closed set, one tag byte each on the
 * wire (see {@link WireCodec}). Requests carry what they ask for; answers echo it so a peer can
 * match them without request ids. Every collection is bounded by {@link WireLimits}.
 */
public sealed interface WireMessage {

    /** The first message on a connection, from both sides. */
    record Hello(int protocolVersion, Hash chainId, Height bestHeight, Hash bestHash, Hash nodeId, int listenPort)
            implements WireMessage {
        public Hello {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(bestHeight, "bestHeight");
            Objects.requireNonNull(bestHash, "bestHash");
            Objects.requireNonNull(nodeId, "nodeId");
            if (listenPort < 0 || listenPort > 65_535) {
                throw new IllegalArgumentException(
                        "listen port must be 0-65535 (0 = does not listen), got " + listenPort);
            }
        }
    }

    /** The answer to a {@link Hello}: accepted, or refused with a reason the operator can act on. */
    record HelloAck(boolean accepted, String reason) implements WireMessage {
        public HelloAck {
            Objects.requireNonNull(reason, "reason");
        }

        public static HelloAck accept() {
            return new HelloAck(true, "");
        }

        public static HelloAck refuse(String reason) {
            return new HelloAck(false, reason);
        }
    }

    record Ping(long nonce) implements WireMessage {}

    record Pong(long nonce) implements WireMessage {}

    /** A peer's best chain, sent after the handshake and whenever its tip changes. */
    record Status(Height bestHeight, Hash bestHash) implements WireMessage {
        public Status {
            Objects.requireNonNull(bestHeight, "bestHeight");
            Objects.requireNonNull(bestHash, "bestHash");
        }
    }

    /**
     * Asks for up to {@code max} canonical headers after the first hash of {@code locator} that
     * the peer has on its canonical chain (the locator lists the asker's canonical hashes, newest
     * first, with growing gaps, ending at the genesis).
     */
    record GetHeaders(List<Hash> locator, int max) implements WireMessage {
        public GetHeaders {
            locator = List.copyOf(locator);
            if (max < 1) {
                throw new IllegalArgumentException("max headers must be at least 1, got " + max);
            }
        }
    }

    record Headers(List<BlockHeader> headers) implements WireMessage {
        public Headers {
            headers = List.copyOf(headers);
        }
    }

    record GetBlocks(List<Hash> hashes) implements WireMessage {
        public GetBlocks {
            hashes = List.copyOf(hashes);
        }
    }

    record Blocks(List<Block> blocks) implements WireMessage {
        public Blocks {
            blocks = List.copyOf(blocks);
        }
    }

    /** Asks for {@code length} bytes of blob {@code hash} from {@code offset}. */
    record GetBlob(Hash hash, long offset, int length) implements WireMessage {
        public GetBlob {
            Objects.requireNonNull(hash, "hash");
            if (offset < 0 || length < 1) {
                throw new IllegalArgumentException(
                        "a blob request needs offset >= 0 and length >= 1, got " + offset + " and " + length);
            }
        }
    }

    /** A piece of blob {@code hash} (of {@code total} bytes) from {@code offset}. */
    record BlobChunk(Hash hash, long offset, long total, Bytes bytes) implements WireMessage {
        public BlobChunk {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(bytes, "bytes");
            if (offset < 0 || total < 0 || offset + bytes.length() > total) {
                throw new IllegalArgumentException("a blob chunk of " + bytes.length() + " bytes at " + offset
                        + " does not fit in a blob of " + total + " bytes");
            }
        }
    }

    /** The peer does not have {@code hash} (a block, a header locator or a blob): not an offence. */
    record NotFound(Hash hash) implements WireMessage {
        public NotFound {
            Objects.requireNonNull(hash, "hash");
        }
    }

    record GetPeers() implements WireMessage {}

    record Peers(List<PeerAddress> peers) implements WireMessage {
        public Peers {
            peers = List.copyOf(peers);
        }
    }

    /** A proof-of-learning message (transaction, commitment, reveal, candidate, block) to spread. */
    record Gossip(GossipMessage message) implements WireMessage {
        public Gossip {
            Objects.requireNonNull(message, "message");
        }
    }
}
