/**
 * Lifelong models (paper 001, PROTOCOL.md section 5) in the deterministic core: growing a network by
 * new output classes and hidden neurons while its old parameters keep their exact bits
 * ({@link io.learnchain.learn.lifelong.ModelGrowth}), training only the new parameters
 * ({@link io.learnchain.learn.train.FrozenParameters}, used by the trainer), the fixed-point loss the ledger compares
 * ({@link io.learnchain.learn.lifelong.FixedPointLoss}) and accuracy restricted to a class prefix
 * ({@link io.learnchain.learn.lifelong.PrefixAccuracy}).
 */
package io.learnchain.learn.lifelong;
