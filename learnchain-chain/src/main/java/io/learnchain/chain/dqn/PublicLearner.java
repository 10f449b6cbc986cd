package io.learnchain.chain.dqn;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.DqnAgent;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.EnvState;
import io.learnchain.learn.rl.Environment;
import io.learnchain.learn.rl.Transition;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A proposer's learner as every node can rebuild it (PROTOCOL.md 4.2): a {@link DqnAgent} whose
 * every random draw comes from the proposer's public key and the chain, never from a secret. Its
 * seed is {@code SHA-256("learnchain/dqn/learner/v1" || chain id || key)} (first 8 bytes, LE);
 * the Q and target networks start from {@code derive(seed, 0)}; at a block of height h it stores
 * that block's transition (none at the genesis), trains with batch seeds from
 * {@code derive(seed, 2h + 2)}, and acts in the next state epsilon-greedily with the draws of
 * {@code derive(seed, 2h + 1)}. So a proposer's learner at a block is a pure function of genesis,
 * its key and the branch up to that block, and the action and training record of the block it
 * proposes next are fixed: the proposer chooses neither. Mutable, not thread-safe.
 */
public final class PublicLearner {
    private static final byte[] DOMAIN = "learnchain/dqn/learner/v1".getBytes(StandardCharsets.US_ASCII);

    private final DqnAgent agent;
    private final long seed;
    private final Hash chainId;
    private final Environment env;
    private long height;
    private Optional<DqnProof> proof;
    private DqnTrainingRecord record;

    private PublicLearner(
            DqnAgent agent,
            long seed,
            Hash chainId,
            Environment env,
            long height,
            Optional<DqnProof> proof,
            DqnTrainingRecord record) {
        this.agent = agent;
        this.seed = seed;
        this.chainId = chainId;
        this.env = env;
        this.height = height;
        this.proof = proof;
        this.record = record;
    }

    /** The learner of {@code proposer} at the genesis: initialised, trained once (nothing while below warm-up). */
    public static PublicLearner atGenesis(DqnParameters params, Hash chainId, PublicKey proposer, ComputePool pool) {
        long seed = seedOf(chainId, proposer);
        DqnAgent agent = DqnAgent.create(
                params.hyperparameters(), SplitMix64.derive(seed, 0).nextLong(), pool);
        PublicLearner l = new PublicLearner(agent, seed, chainId, params.env(), 0, Optional.empty(), null);
        l.record = agent.train(l.batchSeed());
        return l;
    }

    /** The seed of {@code proposer}'s learner on the chain {@code chainId}. */
    public static long seedOf(Hash chainId, PublicKey proposer) {
        return Hash.sha256(DOMAIN, chainId.toArray(), proposer.bytes().toArray())
                .firstLongLE();
    }

    /** An independent copy (the replay buffer is shared copy-on-write). */
    public PublicLearner copy() {
        return new PublicLearner(agent.copy(), seed, chainId, env, height, proof, record);
    }

    /**
     * Moves the learner to the child block whose step is {@code child}: stores its transition (from
     * the state this learner's block hands on) and trains for it.
     */
    public void advance(DqnProof child) {
        agent.observe(Transition.of(nextState(), child.action(), child.step()));
        height++;
        proof = Optional.of(child);
        record = agent.train(batchSeed());
    }

    /** S_t of the block after this learner's block: its next state, or a new episode's start. */
    public EnvState nextState() {
        return DqnRules.startState(chainId, height + 1, proof, env);
    }

    private long batchSeed() {
        return SplitMix64.derive(seed, 2 * height + 2).nextLong();
    }

    /** The height of the block the learner stands at. */
    public long height() {
        return height;
    }

    /** The training it did at this block: the record the proposer's next block must carry. */
    public DqnTrainingRecord record() {
        return record;
    }

    /** The action the proposer's next block must take, in {@link #nextState}. */
    public int action() {
        return agent.act(nextState(), SplitMix64.derive(seed, 2 * height + 1));
    }

    /** The learner itself (greedy evaluation, hashes). */
    public DqnAgent agent() {
        return agent;
    }
}
