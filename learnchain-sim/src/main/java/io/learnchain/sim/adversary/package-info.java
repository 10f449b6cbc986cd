/**
 * The adversaries the simulations field (SCENARIOS.md D16-D20, issue 15's work forgers, the dqn
 * search miner): each a {@link io.learnchain.node.pole.MinerStrategy} (or a
 * {@link io.learnchain.node.dqn.DqnActionChoice}) that departs from the protocol at a few of the
 * honest miner's decisions, so that the node's own code holds no attack. docs/simulation.md says what
 * each does and which rule stops it.
 */
package io.learnchain.sim.adversary;
