package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;

/**
 * The classic cart-pole of Barto, Sutton and Anderson (1983) with the constants and Euler integration
 * of OpenAI Gym's CartPole-v0, in float32 with {@link StrictMath} sine and cosine (computed in double,
 * rounded to float once). Observation (x, x', theta, theta'); action 0 pushes left, 1 pushes right with
 * 10 N. The episode ends (terminal) when |x| > 2.4 or |theta| > 12 degrees, and is cut (done, not
 * terminal) after {@link #EPISODE_LIMIT} steps. Reset draws the four values uniformly in +-0.05.
 *
 * <p>Unshaped reward: 1 per step, the terminating one included (Gym's reward; returns are counted in
 * it). Shaped reward, the chain's R_{t+1}: the plain +1 cannot rank two proposals from the same state,
 * and with Euler integration the next angle and position do not depend on the action, only the next
 * velocities do. So the shaped reward scores the state the action leads to by where it is heading,
 * half a second ahead:
 * {@code r = 1 - 0.8 min(1, |theta' + 0.5 theta_dot'| / 12deg) - 0.2 min(1, |x' + 0.5 x_dot'| / 2.4)}
 * (in [0, 1]) and {@code r = -1} on a terminal step. Both are fixed point, see {@link StepResult#SCALE}.
 */
public record CartPole() implements Environment {
    public static final int EPISODE_LIMIT = 200;
    static final float GRAVITY = 9.8f;
    static final float MASS_CART = 1.0f;
    static final float MASS_POLE = 0.1f;
    static final float TOTAL_MASS = MASS_CART + MASS_POLE;
    static final float HALF_LENGTH = 0.5f;
    static final float POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH;
    static final float FORCE = 10.0f;
    static final float TAU = 0.02f;
    static final float THETA_LIMIT = (float) (12 * 2 * StrictMath.PI / 360);
    static final float X_LIMIT = 2.4f;
    static final float HORIZON = 0.5f;

    @Override
    public String name() {
        return "cartpole";
    }

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int actionCount() {
        return 2;
    }

    @Override
    public boolean episodic() {
        return true;
    }

    @Override
    public EnvState reset(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] o = new float[4];
        for (int i = 0; i < 4; i++) {
            o[i] = rng.nextFloat() * 0.1f - 0.05f;
        }
        return new EnvState(o, 0);
    }

    @Override
    public StepResult step(EnvState state, int action, SplitMix64 rng) {
        check(state, action);
        float x = state.value(0);
        float xDot = state.value(1);
        float theta = state.value(2);
        float thetaDot = state.value(3);
        float force = action == 1 ? FORCE : -FORCE;
        float cos = (float) StrictMath.cos(theta);
        float sin = (float) StrictMath.sin(theta);
        float temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        float thetaAcc =
                (GRAVITY * sin - cos * temp) / (HALF_LENGTH * (4.0f / 3.0f - MASS_POLE * cos * cos / TOTAL_MASS));
        float xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        float nx = x + TAU * xDot;
        float nxDot = xDot + TAU * xAcc;
        float nTheta = theta + TAU * thetaDot;
        float nThetaDot = thetaDot + TAU * thetaAcc;
        long tick = state.tick() + 1;
        EnvState next = new EnvState(new float[] {nx, nxDot, nTheta, nThetaDot}, tick);
        boolean terminal = nx < -X_LIMIT || nx > X_LIMIT || nTheta < -THETA_LIMIT || nTheta > THETA_LIMIT;
        boolean done = terminal || tick >= EPISODE_LIMIT;
        float shaped = terminal ? -1f : shapedReward(nx, nxDot, nTheta, nThetaDot);
        return new StepResult(next, StepResult.toFixed(shaped), StepResult.SCALE, terminal, done);
    }

    static float shapedReward(float x, float xDot, float theta, float thetaDot) {
        float angle = StrictMath.min(1f, StrictMath.abs(theta + HORIZON * thetaDot) / THETA_LIMIT);
        float position = StrictMath.min(1f, StrictMath.abs(x + HORIZON * xDot) / X_LIMIT);
        return 1f - 0.8f * angle - 0.2f * position;
    }
}
