package io.learnchain.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import java.util.ArrayList;
import java.util.List;

/** A dev chain for chain tests: 4 funded dev accounts, difficulty 1, a fixed genesis time. */
public final class ChainFixture {
    public static final long GENESIS_TIME = 1_767_225_600L; // 2026-01-01T00:00:00Z
    public static final Genesis GENESIS = Genesis.devnet(4, Amount.ofCoins(1000), 1, GENESIS_TIME);
    public static final ChainRules RULES = ChainRules.of(GENESIS);
    public static final ValidationContext CONTEXT = ValidationContext.at(GENESIS_TIME + 1_000_000);
    public static final KeyPair[] KEYS = {
        DevAccounts.keys(0), DevAccounts.keys(1), DevAccounts.keys(2), DevAccounts.keys(3)
    };

    private ChainFixture() {}

    public static Address address(int i) {
        return Address.of(KEYS[i].publicKey());
    }

    public static ChainTip genesisTip() {
        return ChainTip.genesis(GENESIS);
    }

    public static SignedTransaction transfer(int from, Address to, Amount amount, Amount fee, long nonce) {
        return transfer(RULES.chainId(), from, to, amount, fee, nonce);
    }

    public static SignedTransaction transfer(
            Hash chainId, int from, Address to, Amount amount, Amount fee, long nonce) {
        TxBody body = new TxBody(chainId, KEYS[from].publicKey(), nonce, fee, new Transfer(to, amount));
        return SignedTransaction.sign(body, KEYS[from]);
    }

    /** A valid block on {@code parent} with the candidates that apply, mined by account 3, 10 s later. */
    public static Block mine(ChainTip parent, List<SignedTransaction> txs) {
        return BlockAssembler.mine(parent, txs, KEYS[3], parent.timestamp() + 10, RULES, 1_000_000)
                .orElseThrow();
    }

    /**
     * A block with exactly {@code body} (coinbase added first when {@code coinbaseAmount} is not
     * null), correct tx root, the given state root, sealed and signed: for blocks that must break
     * one rule only.
     */
    public static Block forge(
            ChainTip parent, Amount coinbaseAmount, List<? extends Transaction> body, Hash stateRoot) {
        List<Transaction> txs = new ArrayList<>();
        if (coinbaseAmount != null) {
            txs.add(new Coinbase(parent.height().next(), address(3), coinbaseAmount));
        }
        txs.addAll(body);
        BlockHeader header = new BlockHeader(
                BlockHeader.CURRENT_VERSION,
                parent.height().next(),
                parent.hash(),
                parent.timestamp() + 10,
                KEYS[3].publicKey(),
                Block.txRoot(txs),
                stateRoot,
                new IdleProof(parent.nextDifficulty(RULES), 0),
                Signature.NONE);
        return sealAndSign(header, txs);
    }

    public static Block sealAndSign(BlockHeader header, List<Transaction> txs) {
        BlockHeader sealed = IdleSealer.seal(header, 0, 1_000_000).orElseThrow();
        return new Block(sealed.signedBy(KEYS[3]), txs);
    }
}
