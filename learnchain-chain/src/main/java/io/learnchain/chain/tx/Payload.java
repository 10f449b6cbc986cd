package io.learnchain.chain.tx;

/**
 * What a signed transaction does. A closed set: each new kind of the protocol (PostTask,
 * CancelTask, RevealShard, DeployModel, ProposeUpdate...) is a new record here plus a tag in
 * {@link TransactionCodec}; every exhaustive switch then fails to compile until it handles it.
 */
public sealed interface Payload
        permits Transfer,
                PostTask,
                CancelTask,
                RevealShard,
                WorkFraud,
                DeployModel,
                RevealParts,
                ProposeUpdate,
                Challenge,
                GrowModel {

    /** The wire tag of this kind, unique among payloads. */
    int tag();
}
