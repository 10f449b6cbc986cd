package io.learnchain.node.p2p.wire;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.testkit.ChainBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fixed value of every wire message, for vectors and mutation tests (Ed25519 signs deterministically). */
public final class WireSamples {
    private WireSamples() {}

    static Hash h(String s) {
        return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, WireMessage> all() {
        ChainBuilder chain = ChainBuilder.devnet();
        SignedTransaction transfer = chain.transfer(1, 2, Amount.ofUnits(5_000));
        Block b1 = chain.addBlock(transfer);
        Block b2 = chain.addBlock();
        var keys = DevAccounts.keys(0);
        Commitment commitment = new Commitment(
                chain.genesis().chainId(),
                Height.of(2),
                b1.hash(),
                1,
                keys.publicKey(),
                h("model"),
                h("record"),
                h("body"));
        byte[] shard = "shard bytes".getBytes(StandardCharsets.UTF_8);
        SignedTransaction reveal = SignedTransaction.sign(
                new TxBody(
                        chain.genesis().chainId(),
                        keys.publicKey(),
                        0,
                        Amount.ofUnits(1_000),
                        new RevealShard(1, b1.hash(), 0, Hash.sha256(shard), List.of())),
                keys);
        Map<String, WireMessage> out = new LinkedHashMap<>();
        out.put(
                "hello",
                new WireMessage.Hello(
                        WireCodec.PROTOCOL_VERSION,
                        chain.genesis().chainId(),
                        Height.of(2),
                        b2.hash(),
                        h("node"),
                        9645));
        out.put("hello_ack", WireMessage.HelloAck.accept());
        out.put("hello_refused", WireMessage.HelloAck.refuse("chain id differs"));
        out.put("ping", new WireMessage.Ping(0x0102030405060708L));
        out.put("pong", new WireMessage.Pong(-1));
        out.put("status", new WireMessage.Status(Height.of(2), b2.hash()));
        out.put(
                "get_headers",
                new WireMessage.GetHeaders(List.of(b1.hash(), chain.genesis().chainId()), 2_000));
        out.put("headers", new WireMessage.Headers(List.of(b1.header(), b2.header())));
        out.put("get_blocks", new WireMessage.GetBlocks(List.of(b1.hash(), b2.hash())));
        out.put("blocks", new WireMessage.Blocks(List.of(b1, b2)));
        out.put("get_blob", new WireMessage.GetBlob(h("blob"), 1 << 20, 1 << 20));
        out.put("blob_chunk", new WireMessage.BlobChunk(h("blob"), 3, 10, Bytes.of(new byte[] {1, 2, 3, 4})));
        out.put("not_found", new WireMessage.NotFound(h("missing")));
        out.put("get_peers", new WireMessage.GetPeers());
        out.put(
                "peers",
                new WireMessage.Peers(
                        List.of(new PeerAddress("127.0.0.1", 9645), new PeerAddress("node.example", 19645))));
        out.put("transaction", new WireMessage.Gossip(new GossipMessage.Transaction(transfer)));
        out.put(
                "commitment",
                new WireMessage.Gossip(new GossipMessage.CommitmentMsg(commitment, commitment.sign(keys))));
        out.put("shard_reveal", new WireMessage.Gossip(new GossipMessage.ShardReveal(reveal, shard)));
        out.put(
                "candidate",
                new WireMessage.Gossip(
                        new GossipMessage.Candidate(b2, new byte[] {9, 8, 7}, List.of(new byte[] {1, 2}))));
        out.put("new_block", new WireMessage.Gossip(new GossipMessage.BlockMsg(b1)));
        out.put(
                "round_keys",
                new WireMessage.Gossip(new GossipMessage.RoundKeys(
                        keys.publicKey(),
                        RoundKeyRelease.sign(
                                keys,
                                chain.genesis().chainId(),
                                1,
                                b1.hash(),
                                List.of(
                                        new FunctionalKey(java.math.BigInteger.valueOf(3)),
                                        new FunctionalKey(java.math.BigInteger.valueOf(5)))))));
        return out;
    }
}
