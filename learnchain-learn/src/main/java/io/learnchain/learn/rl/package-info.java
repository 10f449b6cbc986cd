/**
 * Deterministic reinforcement learning for the {@code dqn} engine (PROTOCOL.md section 4, paper 000):
 * environments that are pure functions of (state, action, seed) in float32 with StrictMath, and the
 * DQN agent (Q-network, target network, replay buffer, epsilon-greedy schedule) whose per-block
 * training is recorded and can be replayed to the same weights hash.
 */
package io.learnchain.learn.rl;
