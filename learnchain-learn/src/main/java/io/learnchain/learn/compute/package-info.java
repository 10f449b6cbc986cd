/**
 * The compute pool: the only package of the deterministic core allowed to start threads. Work is split
 * into whole output tiles, so the thread count never changes a bit of any result.
 */
package io.learnchain.learn.compute;
