package io.learnchain.chain.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.work.SecureMappingLayer;
import java.nio.charset.StandardCharsets;

/**
 * Constants and small pure rules of the pole engine (decisions recorded in docs/protocol.md). A
 * task's economics (the penalty, the forfeit limit) are the task state's: {@link
 * io.learnchain.chain.state.TaskState}.
 */
public final class TaskRules {
    /** Candidates of one round a node evaluates at most (DoS bound, SCENARIOS D16). */
    public static final int MAX_EVALUATIONS_PER_ROUND = 16;
    /** Of those, at most this many from one peer (enforced by the node, which knows peers). */
    public static final int MAX_EVALUATIONS_PER_PEER = 8;

    private static final byte[] ORDER_DOMAIN = "learnchain/data-order/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INIT_DOMAIN = "learnchain/init-seed/v1".getBytes(StandardCharsets.US_ASCII);

    private TaskRules() {}

    /** The round key H(domain, previous hash, task id): seeds the secure mapping layer of the round. */
    public static Hash roundKey(Hash previous, long taskId) {
        return SecureMappingLayer.roundKey(previous, taskId);
    }

    /** The data-order seed a training record must carry: H(domain, previous hash, miner address, nonce). */
    public static long dataOrderSeed(Hash previous, PublicKey miner, long nonce) {
        CanonicalWriter out = new CanonicalWriter(96);
        out.raw(ORDER_DOMAIN).hash(previous).address(Address.of(miner)).i64(nonce);
        return Hash.sha256(out.toByteArray()).firstLongLE();
    }

    /**
     * The initialisation seed a record that starts from fresh weights must carry: H(domain, previous
     * hash, miner address, nonce). Like the data order, the starting point exists only once the
     * parent does, so no run can have begun before it.
     */
    public static long initSeed(Hash previous, PublicKey miner, long nonce) {
        CanonicalWriter out = new CanonicalWriter(96);
        out.raw(INIT_DOMAIN).hash(previous).address(Address.of(miner)).i64(nonce);
        return Hash.sha256(out.toByteArray()).firstLongLE();
    }

    /** True when {@code correct} of {@code count} meets {@code minBp} basis points. */
    public static boolean meetsAccuracy(long correct, long count, int minBp) {
        return Math.multiplyHigh(correct, 10_000) == 0
                && Math.multiplyHigh(count, minBp) == 0
                && correct * 10_000 >= count * minBp;
    }
}
