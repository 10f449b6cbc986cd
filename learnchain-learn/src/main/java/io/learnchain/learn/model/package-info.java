/**
 * Model specs (predefined architectures and custom layer lists, validated with errors that name the
 * layer and the shapes), their canonical text, and immutable models with canonical bytes and hash:
 * uint32 LE length + UTF-8 spec text, then every tensor in declared order as float32 LE (finite only,
 * -0.0 stored as +0.0); model hash = SHA-256 of those bytes.
 */
package io.learnchain.learn.model;
