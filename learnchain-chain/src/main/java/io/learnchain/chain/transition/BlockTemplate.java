package io.learnchain.chain.transition;

import io.learnchain.base.Amount;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import java.util.List;
import java.util.Objects;

/**
 * A block ready for sealing: the header with a zero nonce and no signature, the body, the state
 * it produces, the fees it collects, and the candidates that were left out (with why).
 */
public record BlockTemplate(
        BlockHeader header, List<Transaction> transactions, WorldState state, Amount fees, List<Skipped> skipped) {

    public record Skipped(SignedTransaction transaction, InvalidReason reason, String detail) {}

    public BlockTemplate {
        Objects.requireNonNull(header, "header");
        transactions = List.copyOf(transactions);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fees, "fees");
        skipped = List.copyOf(skipped);
    }

    /** The block with a sealed and signed header (see {@code IdleSealer.seal} and {@code BlockHeader.signedBy}). */
    public Block toBlock(BlockHeader sealedAndSigned) {
        return new Block(sealedAndSigned, transactions);
    }
}
