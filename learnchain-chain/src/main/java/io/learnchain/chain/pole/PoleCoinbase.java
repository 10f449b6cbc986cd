package io.learnchain.chain.pole;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.state.HeldReward;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.work.HeldRewards;

/**
 * Where a pole block's coinbase goes: into its task's held payouts for the fraud window
 * ({@link HeldRewards}), not to the recipient's balance. The reward part is the round's reward
 * (or the whole coinbase if it claims less).
 */
public final class PoleCoinbase {
    private PoleCoinbase() {}

    public static void hold(StateDelta delta, BlockHeader header, PoleProof p, Coinbase coinbase, Amount reward) {
        hold(delta, header.height(), header.previous(), p, coinbase, reward);
    }

    public static void hold(
            StateDelta delta, Height height, Hash previous, PoleProof p, Coinbase coinbase, Amount reward) {
        Amount rewardPart = reward.compareTo(coinbase.amount()) <= 0 ? reward : coinbase.amount();
        HeldRewards.hold(
                delta,
                p.taskId(),
                new HeldReward(
                        height,
                        previous,
                        coinbase.recipient(),
                        coinbase.amount(),
                        rewardPart,
                        p.modelHash(),
                        WorkProof.claimHash(p.record(), p.work().checkpoints())));
    }
}
