package io.learnchain.sim.adversary;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.List;
import java.util.Optional;

/**
 * D19 (shard integrity): mines honestly and, as soon as a round starts, broadcasts a forged reveal of
 * the round: a RevealShard signed with its own key naming the hash of bytes of its choosing (here its
 * training set; on a private task, the round's features it decrypted, in the clear), so that nodes which took it would close phase 1 early and score candidates on data
 * the requester never committed to.
 */
public final class ForgedReveal extends UncheckedMiner {
    /** How often it looks again for a private round's decrypted features. */
    private static final long RETRY_MILLIS = 1_000;

    @Override
    public void roundStarted(Round.Learning round, MinerActions miner) {
        long epoch = miner.epoch();
        miner.scheduler().after(0, () -> forge(epoch, round, miner));
    }

    private static void forge(long epoch, Round.Learning round, MinerActions miner) {
        if (miner.epoch() != epoch) {
            return;
        }
        Optional<byte[]> bytes = round.task().terms().isPrivate()
                ? miner.trainingSet(round).map(DatasetCodec::encode)
                : miner.chain().blobs().get(round.task().terms().trainingSet());
        if (bytes.isEmpty()) {
            if (round.task().terms().isPrivate()) {
                // a private round's features exist once its keys are here and decrypted: forge then
                miner.scheduler().after(RETRY_MILLIS, () -> forge(epoch, round, miner));
            }
            return;
        }
        RevealShard forged = new RevealShard(
                round.taskId(), round.previous(), round.shardIndex(), Hash.sha256(bytes.get()), List.of());
        long nonce = miner.chain().account(Address.of(miner.key().publicKey())).nonce();
        SignedTransaction tx = SignedTransaction.sign(
                new TxBody(miner.chain().genesis().chainId(), miner.key().publicKey(), nonce, Amount.ZERO, forged),
                miner.key());
        miner.network().broadcast(new GossipMessage.ShardReveal(tx, bytes.get()));
    }
}
