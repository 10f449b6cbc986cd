/**
 * Lifelong models (paper 001, PROTOCOL.md 5) as ledger rules under either engine: the transaction
 * effects ({@link io.learnchain.chain.lifelong.LifelongProcessor}), the per-block step that picks
 * Dk, voids missed reveals and closes epochs ({@link io.learnchain.chain.lifelong.LifelongTransition}),
 * the blob loading ({@link io.learnchain.chain.lifelong.LifelongBlobs}) and the part picker
 * ({@link io.learnchain.chain.lifelong.PartPicker}). Pure: data comes through the BlobView port.
 */
package io.learnchain.chain.lifelong;
