package io.learnchain.chain.genesis;

import io.learnchain.base.Amount;
import io.learnchain.learn.rl.DqnHyperparameters;
import io.learnchain.learn.rl.Environment;
import java.util.Objects;

/**
 * The genesis section of a {@code dqn} chain (PROTOCOL.md 4): the environment every block steps
 * (a genesis name, see {@link Environment#byName}), the fork-choice option, the award R_max paid
 * to the miner of every block on top of subsidy and fees, and the DQN hyperparameters every node's
 * learner uses. Consensus checks the environment, the option and the award; the hyperparameters
 * are named so every node trains alike and a training record can be replayed.
 */
public record DqnParameters(
        String environment, ForkOption forkOption, Amount awardPerUnit, DqnHyperparameters hyperparameters) {

    public DqnParameters {
        Objects.requireNonNull(forkOption, "forkOption");
        Objects.requireNonNull(awardPerUnit, "awardPerUnit");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        hyperparameters.checkFits(Environment.byName(environment));
    }

    /** The environment's default learner settings ({@link DqnHyperparameters#forEnvironment}). */
    public static DqnParameters defaults(String environment, ForkOption option, Amount awardPerUnit) {
        Environment env = Environment.byName(environment);
        DqnHyperparameters hp =
                env.name().equals("cartpole") ? DqnHyperparameters.cartPole() : DqnHyperparameters.forEnvironment(env);
        if (env.name().equals("gridworld")) {
            hp = hp.withGamma(0.9f);
        }
        return new DqnParameters(environment, option, awardPerUnit, hp);
    }

    public Environment env() {
        return Environment.byName(environment);
    }
}
