/**
 * The {@code pole} consensus engine (PROTOCOL.md section 3, decisions in docs/protocol.md): pure
 * functions of chain data and blobs handed in through {@link io.learnchain.chain.rules.BlobView}
 * (the commitments a round counts are those its reveal lists, chain data too).
 *
 * <ul>
 *   <li>{@link io.learnchain.chain.pole.RoundDriver}: which task the next round works on, its
 *       {@link io.learnchain.chain.work.SecureMappingLayer}, the chosen shard and the deadlines.</li>
 *   <li>{@link io.learnchain.chain.rules.Commitment}: phase-1 commitments;
 *       {@link io.learnchain.chain.pole.RoundCommitments} the in-memory log a node keeps (a requester's reveal lists it).</li>
 *   <li>{@link io.learnchain.chain.pole.PoleVerifier}: the default {@code segments} level, called by the
 *       block processor; {@link io.learnchain.chain.pole.ReplayVerifier}: the {@code replay} level.</li>
 *   <li>{@link io.learnchain.chain.pole.CandidateSelection}: one round's candidates in verification
 *       order under the evaluation cap, with typed rejections.</li>
 *   <li>{@link io.learnchain.chain.pole.CandidateBlockBuilder}: a miner's commit and complete steps,
 *       and forfeit blocks; {@link io.learnchain.chain.pole.PoleTransition}: the engine's state step.</li>
 * </ul>
 */
package io.learnchain.chain.pole;
