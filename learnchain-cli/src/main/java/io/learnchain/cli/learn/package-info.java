/**
 * The learning commands: {@code learnchain train}, {@code learnchain eval} and {@code learnchain model
 * export}, with the model files they read and write and the custom model spec file (JSON or TOML).
 */
package io.learnchain.cli.learn;
