package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import java.util.Objects;

/**
 * What a won round pays, held in its task until the fraud window ends (PROTOCOL.md 3.8): the pole
 * block's height and parent, the coinbase recipient and amount (subsidy, fees and the round's
 * reward), the reward part of it, and the committed model and work claim (the commitment's
 * {@code recordHash}) that a {@code WorkFraud} transaction must match to refute it.
 */
public record HeldReward(
        Height height, Hash previous, Address recipient, Amount amount, Amount reward, Hash modelHash, Hash claimHash) {
    public HeldReward {
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reward, "reward");
        Objects.requireNonNull(modelHash, "modelHash");
        Objects.requireNonNull(claimHash, "claimHash");
        if (reward.compareTo(amount) > 0) {
            throw new IllegalArgumentException("the reward part " + reward + " exceeds the held " + amount);
        }
    }

    public void write(CanonicalWriter out) {
        out.height(height)
                .hash(previous)
                .address(recipient)
                .amount(amount)
                .amount(reward)
                .hash(modelHash)
                .hash(claimHash);
    }

    public static HeldReward read(CanonicalReader in) {
        var height = in.height();
        var previous = in.hash();
        var recipient = in.address();
        var amount = in.amount();
        var reward = in.amount();
        var model = in.hash();
        var claim = in.hash();
        return in.guard(() -> new HeldReward(height, previous, recipient, amount, reward, model, claim));
    }
}
