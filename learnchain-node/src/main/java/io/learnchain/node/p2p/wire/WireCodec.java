package io.learnchain.node.p2p.wire;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.node.gossip.GossipMessage;
import java.util.Objects;

/**
 * The peer protocol's message encoding, version 1: a tag byte, then the message's fields in the
 * canonical codec (little-endian, length-prefixed, lists count-prefixed). Chain values (headers,
 * blocks, transactions, commitments) use the chain's own codecs, so a block on the wire is byte for
 * byte the block that is hashed and stored. Decoding checks every count and length against
 * {@link WireLimits} before allocating, rejects trailing bytes, and throws only {@link CodecException}.
 * The tag table is in docs/p2p.md.
 */
public final class WireCodec {
    public static final int PROTOCOL_VERSION = 1;
    static final int HELLO = 1;
    static final int HELLO_ACK = 2;
    static final int PING = 3;
    static final int PONG = 4;
    static final int STATUS = 5;
    static final int GET_HEADERS = 6;
    static final int HEADERS = 7;
    static final int GET_BLOCKS = 8;
    static final int BLOCKS = 9;
    static final int GET_BLOB = 10;
    static final int BLOB_CHUNK = 11;
    static final int NOT_FOUND = 12;
    static final int GET_PEERS = 13;
    static final int PEERS = 14;
    static final int TRANSACTION = 20;
    static final int COMMITMENT = 21;
    static final int SHARD_REVEAL = 22;
    static final int CANDIDATE = 23;
    static final int NEW_BLOCK = 24;
    static final int FRAUD_PROOF = 25;
    static final int ROUND_KEYS = 26;
    /** The smallest canonical header (an idle block), for list count checks. */
    private static final int MIN_HEADER_BYTES = 1 + 8 + 32 + 8 + 32 + 32 + 32 + 1 + 16 + 64;

    private static final int MIN_BLOCK_BYTES = MIN_HEADER_BYTES + 4;

    private final WireLimits limits;

    public WireCodec(WireLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public WireLimits limits() {
        return limits;
    }

    public byte[] encode(WireMessage message) {
        CanonicalWriter out = new CanonicalWriter(256);
        switch (message) {
            case WireMessage.Hello h ->
                out.u8(HELLO)
                        .i32(h.protocolVersion())
                        .hash(h.chainId())
                        .height(h.bestHeight())
                        .hash(h.bestHash())
                        .hash(h.nodeId())
                        .i32(h.listenPort());
            case WireMessage.HelloAck a -> out.u8(HELLO_ACK).bool(a.accepted()).string(a.reason());
            case WireMessage.Ping p -> out.u8(PING).i64(p.nonce());
            case WireMessage.Pong p -> out.u8(PONG).i64(p.nonce());
            case WireMessage.Status s -> out.u8(STATUS).height(s.bestHeight()).hash(s.bestHash());
            case WireMessage.GetHeaders g ->
                out.u8(GET_HEADERS).list(g.locator(), (h, w) -> w.hash(h)).i32(g.max());
            case WireMessage.Headers h -> out.u8(HEADERS).list(h.headers(), BlockCodec.HEADER);
            case WireMessage.GetBlocks g -> out.u8(GET_BLOCKS).list(g.hashes(), (h, w) -> w.hash(h));
            case WireMessage.Blocks b -> out.u8(BLOCKS).list(b.blocks(), BlockCodec.BLOCK);
            case WireMessage.GetBlob g ->
                out.u8(GET_BLOB).hash(g.hash()).i64(g.offset()).i32(g.length());
            case WireMessage.BlobChunk c ->
                out.u8(BLOB_CHUNK).hash(c.hash()).i64(c.offset()).i64(c.total()).bytes(c.bytes());
            case WireMessage.NotFound n -> out.u8(NOT_FOUND).hash(n.hash());
            case WireMessage.GetPeers g -> out.u8(GET_PEERS);
            case WireMessage.Peers p ->
                out.u8(PEERS).list(p.peers(), (a, w) -> w.string(a.host()).i32(a.port()));
            case WireMessage.Gossip g -> writeGossip(g.message(), out);
        }
        return out.toByteArray();
    }

    private static void writeGossip(GossipMessage message, CanonicalWriter out) {
        switch (message) {
            case GossipMessage.Transaction t -> TransactionCodec.INSTANCE.write(t.tx(), out.u8(TRANSACTION));
            case GossipMessage.CommitmentMsg c -> {
                Commitment.CODEC.write(c.commitment(), out.u8(COMMITMENT));
                out.signature(c.signature());
            }
            case GossipMessage.ShardReveal r -> {
                TransactionCodec.INSTANCE.write(r.revealTx(), out.u8(SHARD_REVEAL));
                out.bytes(r.shard());
            }
            case GossipMessage.Candidate c -> {
                BlockCodec.BLOCK.write(c.block(), out.u8(CANDIDATE));
                out.bytes(c.model());
                out.list(c.openings(), (b, w) -> w.bytes(b));
            }
            case GossipMessage.BlockMsg b -> BlockCodec.BLOCK.write(b.block(), out.u8(NEW_BLOCK));
            case GossipMessage.FraudProof f -> {
                TransactionCodec.INSTANCE.write(f.tx(), out.u8(FRAUD_PROOF));
                out.bytes(f.opening());
            }
            case GossipMessage.RoundKeys k ->
                out.u8(ROUND_KEYS).publicKey(k.signer()).bytes(k.release().encode());
        }
    }

    /** Decodes one whole frame payload; throws only {@link CodecException}. */
    public WireMessage decode(byte[] frame) {
        if (frame.length > limits.maxFrameBytes()) {
            throw new CodecException(
                    "a frame of " + frame.length + " bytes exceeds the limit " + limits.maxFrameBytes());
        }
        CanonicalReader in = new CanonicalReader(frame);
        WireMessage message = in.guard(() -> read(in));
        in.expectEnd();
        return message;
    }

    private WireMessage read(CanonicalReader in) {
        int tag = in.u8();
        return switch (tag) {
            case HELLO -> new WireMessage.Hello(in.i32(), in.hash(), in.height(), in.hash(), in.hash(), in.i32());
            case HELLO_ACK -> new WireMessage.HelloAck(in.bool(), in.string(limits.maxReasonBytes()));
            case PING -> new WireMessage.Ping(in.i64());
            case PONG -> new WireMessage.Pong(in.i64());
            case STATUS -> new WireMessage.Status(in.height(), in.hash());
            case GET_HEADERS -> readGetHeaders(in);
            case HEADERS -> new WireMessage.Headers(in.list(limits.maxHeaders(), MIN_HEADER_BYTES, BlockCodec.HEADER));
            case GET_BLOCKS ->
                new WireMessage.GetBlocks(in.list(limits.maxBlocks(), Hash.LENGTH, CanonicalReader::hash));
            case BLOCKS -> new WireMessage.Blocks(in.list(limits.maxBlocks(), MIN_BLOCK_BYTES, BlockCodec.BLOCK));
            case GET_BLOB -> readGetBlob(in);
            case BLOB_CHUNK ->
                new WireMessage.BlobChunk(
                        in.hash(),
                        in.nonNegativeLong("offset"),
                        in.nonNegativeLong("total"),
                        in.bytesValue(limits.maxChunkBytes()));
            case NOT_FOUND -> new WireMessage.NotFound(in.hash());
            case GET_PEERS -> new WireMessage.GetPeers();
            case PEERS ->
                new WireMessage.Peers(in.list(
                        limits.maxPeers(),
                        5,
                        r -> r.guard(() -> new PeerAddress(r.string(PeerAddress.MAX_HOST_BYTES), r.i32()))));
            case TRANSACTION, COMMITMENT, SHARD_REVEAL, CANDIDATE, NEW_BLOCK, FRAUD_PROOF, ROUND_KEYS ->
                new WireMessage.Gossip(readGossip(tag, in));
            default ->
                throw new CodecException(
                        "unknown message tag " + tag + " (this node speaks protocol version " + PROTOCOL_VERSION + ")");
        };
    }

    private WireMessage readGetHeaders(CanonicalReader in) {
        var locator = in.list(limits.maxLocator(), Hash.LENGTH, CanonicalReader::hash);
        int max = in.i32();
        if (max < 1 || max > limits.maxHeaders()) {
            throw new CodecException("a header request for " + max + " headers is outside 1.." + limits.maxHeaders());
        }
        return new WireMessage.GetHeaders(locator, max);
    }

    private WireMessage readGetBlob(CanonicalReader in) {
        Hash hash = in.hash();
        long offset = in.nonNegativeLong("offset");
        int length = in.i32();
        if (length < 1 || length > limits.maxChunkBytes()) {
            throw new CodecException("a blob request for " + length + " bytes is outside 1.." + limits.maxChunkBytes());
        }
        return new WireMessage.GetBlob(hash, offset, length);
    }

    private GossipMessage readGossip(int tag, CanonicalReader in) {
        int maxBlob = limits.maxFrameBytes();
        return switch (tag) {
            case TRANSACTION -> new GossipMessage.Transaction(signed(in));
            case COMMITMENT -> new GossipMessage.CommitmentMsg(Commitment.CODEC.read(in), in.signature());
            case SHARD_REVEAL -> new GossipMessage.ShardReveal(signed(in), in.bytes(maxBlob));
            case CANDIDATE ->
                new GossipMessage.Candidate(
                        BlockCodec.BLOCK.read(in),
                        in.bytes(maxBlob),
                        in.list(WorkProof.MAX_OPENINGS, 4, r -> r.bytes(maxBlob)));
            case NEW_BLOCK -> new GossipMessage.BlockMsg(BlockCodec.BLOCK.read(in));
            case FRAUD_PROOF -> {
                SignedTransaction tx = signed(in);
                byte[] opening = in.bytes(maxBlob);
                if (!(tx.body().payload() instanceof io.learnchain.chain.tx.WorkFraud)) {
                    throw new CodecException("a fraud proof carries a WorkFraud transaction");
                }
                yield new GossipMessage.FraudProof(tx, opening);
            }
            case ROUND_KEYS ->
                new GossipMessage.RoundKeys(
                        in.publicKey(), RoundKeyRelease.decode(in.bytes(RoundKeyRelease.MAX_BYTES)));
            default -> throw new CodecException("unknown gossip tag " + tag);
        };
    }

    private static SignedTransaction signed(CanonicalReader in) {
        if (!(TransactionCodec.INSTANCE.read(in) instanceof SignedTransaction s)) {
            throw new CodecException("gossiped transactions are signed; a coinbase travels only inside its block");
        }
        return s;
    }
}
