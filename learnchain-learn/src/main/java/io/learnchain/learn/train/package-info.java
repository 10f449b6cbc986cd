/**
 * Training and evaluation. A {@link io.learnchain.learn.train.TrainingRecord} fixes the start (seed
 * or parent model hash), optimizer and hyperparameters, batch size, step count and data-order seed; a
 * {@link io.learnchain.learn.train.TrainingJob} adds the spec, data, the round's fixed input transform
 * and a progress listener; {@link io.learnchain.learn.train.Trainer} returns the model, the same bits
 * for the same job everywhere. {@link io.learnchain.learn.train.Evaluator} returns the integer count
 * of correct predictions (argmax, ties to the lowest index).
 */
package io.learnchain.learn.train;
