package io.learnchain.chain.block;

/**
 * The consensus engine's proof fields in a header. A closed set: the {@code pole} and {@code dqn}
 * engines add their own record here and a tag in {@link BlockCodec}.
 */
public sealed interface EngineProof permits IdleProof, PoleProof, ForfeitProof, DqnProof {

    int tag();
}
