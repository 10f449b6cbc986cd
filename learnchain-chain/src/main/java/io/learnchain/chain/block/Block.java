package io.learnchain.chain.block;

import io.learnchain.base.Hash;
import io.learnchain.base.merkle.MerkleRoot;
import io.learnchain.chain.tx.Transaction;
import java.util.List;
import java.util.Objects;

/** A header and its body of transactions (the coinbase first). */
public record Block(BlockHeader header, List<Transaction> transactions) {

    public Block {
        Objects.requireNonNull(header, "header");
        transactions = List.copyOf(transactions);
    }

    public Hash hash() {
        return header.hash();
    }

    /** The Merkle root (RFC 6962) of the transaction hashes, in body order. */
    public static Hash txRoot(List<? extends Transaction> transactions) {
        return MerkleRoot.of(transactions.stream().map(Transaction::hash).toList());
    }

    public int encodedSize() {
        return BlockCodec.BLOCK.encode(this).length;
    }
}
