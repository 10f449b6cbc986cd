package io.learnchain.chain.tx;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import java.util.Objects;

/**
 * The signed part of a user transaction: the chain it is meant for, who sends it, its place in
 * the sender's sequence, the fee it pays the miner, and what it does.
 */
public record TxBody(Hash chainId, PublicKey sender, long nonce, Amount fee, Payload payload) {

    public TxBody {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(payload, "payload");
        if (nonce < 0) {
            throw new IllegalArgumentException("a nonce cannot be negative, got " + nonce);
        }
    }

    public Address senderAddress() {
        return Address.of(sender);
    }
}
