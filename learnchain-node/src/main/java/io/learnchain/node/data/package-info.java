/**
 * Finding and loading data sets from disk for the commands: the {@code --dataset} forms
 * ({@link io.learnchain.node.data.DatasetSpec}), the search path of the full Fashion-MNIST set and the
 * file reading ({@link io.learnchain.node.data.DatasetLoader}); parsing itself is the core readers' job.
 */
package io.learnchain.node.data;
