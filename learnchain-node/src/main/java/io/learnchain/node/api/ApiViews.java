package io.learnchain.node.api;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.node.api.Dtos.AmountDto;
import io.learnchain.node.api.Dtos.BlockDto;
import io.learnchain.node.api.Dtos.ProofDto;
import io.learnchain.node.api.Dtos.TxDto;
import io.learnchain.node.storage.TxLocation;
import java.util.ArrayList;
import java.util.List;

/** Turns chain values into API DTOs. Pure. */
final class ApiViews {
    private ApiViews() {
    }

    static AmountDto amount(Amount amount) {
        return new AmountDto(amount.toString(), Long.toString(amount.units()));
    }

    static BlockDto block(Block block, boolean canonical, boolean withTransactions) {
        BlockHeader h = block.header();
        ProofDto proof = switch (h.proof()) {
            case IdleProof p -> new ProofDto("idle", p.difficulty(), Long.toUnsignedString(p.nonce()));
        };
        List<TxDto> txs = null;
        if (withTransactions) {
            txs = new ArrayList<>();
            List<Transaction> body = block.transactions();
            for (int i = 0; i < body.size(); i++) {
                txs.add(transaction(body.get(i), new TxLocation(block.hash(), h.height(), i)));
            }
        }
        return new BlockDto(block.hash().toHex(), h.height().value(), h.previous().toHex(), h.timestamp(),
                h.minerAddress().toString(), h.miner().toHex(), h.txRoot().toHex(), h.stateRoot().toHex(), proof,
                h.signature().toHex(), canonical, false, block.transactions().size(), txs);
    }

    static BlockDto genesis(Genesis genesis) {
        return new BlockDto(genesis.chainId().toHex(), 0, Hash.ZERO.toHex(), genesis.timestamp(), null, null, null,
                genesis.initialState().root().toHex(), null, null, true, true, 0, List.of());
    }

    /** An included transaction ({@code location} present) or a pending one ({@code location} null). */
    static TxDto transaction(Transaction tx, TxLocation location) {
        String status = location == null ? "pending" : "included";
        String blockHash = location == null ? null : location.blockHash().toHex();
        Long height = location == null ? null : location.height().value();
        Integer index = location == null ? null : location.index();
        return switch (tx) {
            case Coinbase c -> new TxDto(c.hash().toHex(), "coinbase", status, null, null, c.recipient().toString(),
                    amount(c.amount()), null, null, null, blockHash, height, index);
            case SignedTransaction s -> {
                var body = s.body();
                Address to;
                Amount moved;
                String kind;
                switch (body.payload()) {
                    case Transfer t -> {
                        to = t.to();
                        moved = t.amount();
                        kind = "transfer";
                    }
                }
                yield new TxDto(s.hash().toHex(), kind, status, body.senderAddress().toString(), body.sender().toHex(),
                        to.toString(), amount(moved), amount(body.fee()), body.nonce(), s.signature().toHex(), blockHash,
                        height, index);
            }
        };
    }
}
