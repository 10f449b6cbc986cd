package io.learnchain.learn.rl;

import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.model.Shape;
import io.learnchain.learn.train.Optimizer;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that fixes a DQN learner besides its seed: the Q-network spec, the exploration schedule,
 * the discount, the optimizer (which carries the learning rate), the replay capacity, the batch size,
 * the target-copy period C (in gradient steps), the gradient steps per environment step, the replay
 * size below which no training happens (warm-up), and the TD loss.
 */
public record DqnHyperparameters(
        ModelSpec network,
        EpsilonSchedule epsilon,
        float gamma,
        Optimizer optimizer,
        int replayCapacity,
        int batchSize,
        int targetPeriod,
        int gradientSteps,
        int warmup,
        TdLoss loss) {

    /**
     * The TD loss: half the squared error (paper 000's eq. 2, the default; the half only scales the
     * gradient, which Adam normalises away) or Huber (delta 1, the Nature DQN's error clipping). MSE
     * is the default by measurement: on CartPole it learns as well as Huber from the shaped reward and
     * better from the unshaped one (docs/dqn.md, "The TD loss").
     */
    public enum TdLoss {
        HUBER,
        MSE
    }

    public DqnHyperparameters {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(epsilon, "epsilon");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        if (network.layout().input().rank() != 1) {
            throw new IllegalArgumentException("a Q-network reads a flat observation, got input "
                    + network.layout().input());
        }
        if (!(gamma >= 0f && gamma <= 1f)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
        }
        if (replayCapacity < batchSize) {
            throw new IllegalArgumentException(
                    "replay capacity " + replayCapacity + " is below the batch size " + batchSize);
        }
        if (targetPeriod < 1 || gradientSteps < 1 || gradientSteps > 64) {
            throw new IllegalArgumentException("target period must be >= 1 and gradient steps in [1, 64], got "
                    + targetPeriod + " and " + gradientSteps);
        }
        if (warmup < 1 || warmup > replayCapacity) {
            throw new IllegalArgumentException("warm-up must be in [1, replay capacity], got " + warmup);
        }
    }

    /**
     * The defaults for CartPole: the predefined {@code dqn-mlp} network and settings that learn in
     * about 10k steps, with the squared-error loss of paper 000's eq. 2.
     */
    public static DqnHyperparameters cartPole() {
        return new DqnHyperparameters(
                PredefinedModels.DQN_MLP,
                new EpsilonSchedule(1f, 0.05f, 5_000),
                0.99f,
                Optimizer.Adam.of(1e-3f),
                10_000,
                32,
                250,
                1,
                500,
                TdLoss.MSE);
    }

    /** Defaults for any environment: an observation-64-64-actions ReLU network, otherwise as {@link #cartPole()}. */
    public static DqnHyperparameters forEnvironment(Environment env) {
        return cartPole().withNetwork(mlp(env.observationSize(), 64, env.actionCount()));
    }

    /** An in-hidden-hidden-out ReLU multilayer perceptron. */
    public static ModelSpec mlp(int inputs, int hidden, int actions) {
        return ModelSpec.of(
                Shape.of(inputs),
                new LayerSpec.Dense(hidden),
                new LayerSpec.Relu(),
                new LayerSpec.Dense(hidden),
                new LayerSpec.Relu(),
                new LayerSpec.Dense(actions));
    }

    public DqnHyperparameters withNetwork(ModelSpec n) {
        return new DqnHyperparameters(
                n, epsilon, gamma, optimizer, replayCapacity, batchSize, targetPeriod, gradientSteps, warmup, loss);
    }

    public DqnHyperparameters withEpsilon(EpsilonSchedule e) {
        return new DqnHyperparameters(
                network, e, gamma, optimizer, replayCapacity, batchSize, targetPeriod, gradientSteps, warmup, loss);
    }

    public DqnHyperparameters withGamma(float g) {
        return new DqnHyperparameters(
                network, epsilon, g, optimizer, replayCapacity, batchSize, targetPeriod, gradientSteps, warmup, loss);
    }

    public DqnHyperparameters withLoss(TdLoss l) {
        return new DqnHyperparameters(
                network, epsilon, gamma, optimizer, replayCapacity, batchSize, targetPeriod, gradientSteps, warmup, l);
    }

    /** Rejects an environment whose observation or action count does not fit the network. */
    public void checkFits(Environment env) {
        int in = network.layout().input().size();
        int out = network.layout().output().size();
        if (in != env.observationSize() || out != env.actionCount()) {
            throw new IllegalArgumentException("network " + network + " maps " + in + " inputs to " + out
                    + " action values, but " + env.name() + " has " + env.observationSize() + " observations and "
                    + env.actionCount() + " actions; use DqnHyperparameters.forEnvironment");
        }
    }

    /** Canonical text, one field per line in a fixed order (for genesis and hashing). */
    public String text() {
        return "network " + network.text() + "\n" + epsilon.text() + "\ngamma " + gamma + "\noptimizer "
                + optimizer.text() + "\nreplay " + replayCapacity + "\nbatch " + batchSize + "\ntarget-period "
                + targetPeriod + "\ngradient-steps " + gradientSteps + "\nwarmup " + warmup + "\nloss "
                + loss.name().toLowerCase(Locale.ROOT) + "\n";
    }
}
