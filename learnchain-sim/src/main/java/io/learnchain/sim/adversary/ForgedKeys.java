package io.learnchain.sim.adversary;

import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.IpfeGroup;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import io.learnchain.node.pole.MinerStrategy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Issue 20 (forged-keys): a node that is not the requester gossips key releases for every private
 * round (PROTOCOL.md 3.9), k random keys, alternately signed with its own key under its own public
 * key (a release of another signer) and signed with its own key under the requester's public key (a
 * signature that does not verify), every {@link #EVERY_MILLIS} for {@link #TIMES} times from the
 * round's start, so that a node which took one would hold a forged release whenever its miner asks.
 * Mines honestly otherwise (on the requester's release, which its own node keeps).
 */
public final class ForgedKeys implements MinerStrategy {
    /** How often it sends a forged release during a round. */
    static final long EVERY_MILLIS = 500;
    /** Releases it sends per round at most. */
    static final int TIMES = 40;

    private final PublicKey requester;

    /** Forges releases of the task posted by {@code requester} (a public key its transactions show). */
    public ForgedKeys(PublicKey requester) {
        this.requester = Objects.requireNonNull(requester, "requester");
    }

    @Override
    public void roundStarted(Round.Learning round, MinerActions miner) {
        if (round.task().terms().isPrivate()) {
            long epoch = miner.epoch();
            miner.scheduler().after(0, () -> forge(epoch, round, miner, 0));
        }
    }

    private void forge(long epoch, Round.Learning round, MinerActions miner, int sent) {
        if (miner.epoch() != epoch || sent >= TIMES) {
            return;
        }
        ProjectionSpec spec = round.task().terms().privacy().orElseThrow();
        List<FunctionalKey> keys = new ArrayList<>(spec.width());
        for (int j = 0; j < spec.width(); j++) {
            keys.add(randomKey(miner));
        }
        RoundKeyRelease release = RoundKeyRelease.sign(
                miner.key(), miner.chain().genesis().chainId(), round.taskId(), round.previous(), keys);
        PublicKey signer = sent % 2 == 0 ? miner.key().publicKey() : requester;
        miner.network().broadcast(new GossipMessage.RoundKeys(signer, release));
        miner.scheduler().after(EVERY_MILLIS, () -> forge(epoch, round, miner, sent + 1));
    }

    private static FunctionalKey randomKey(MinerActions miner) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < 4; i++) {
            v = v.shiftLeft(64)
                    .or(BigInteger.valueOf(miner.rng().nextLong())
                            .and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        }
        return new FunctionalKey(v.mod(IpfeGroup.order()));
    }
}
