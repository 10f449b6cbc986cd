/**
 * Data sets in the deterministic core: the in-memory {@link io.learnchain.learn.data.Dataset}, readers
 * for IDX (MNIST, Fashion-MNIST; plain or gzip) and CSV that parse streams and byte arrays handed to
 * them (opening files is the node's job), the bundled Fashion-MNIST subset, seeded test shards
 * ({@link io.learnchain.learn.data.DatasetShards}), the training data order
 * ({@link io.learnchain.learn.data.DataOrder}) and canonical bytes + hash of a data set
 * ({@link io.learnchain.learn.data.DatasetCodec}) so a shard can be a content-addressed blob.
 * Errors on bad input are {@link io.learnchain.learn.data.MalformedDatasetException}s naming the source.
 */
package io.learnchain.learn.data;
