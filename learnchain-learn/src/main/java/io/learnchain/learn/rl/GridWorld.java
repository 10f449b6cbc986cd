package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;

/**
 * A 5 x 5 grid for fast tests: reach the goal in the corner (4, 4), avoid the pit in the centre
 * (2, 2). Observation (column / 4, row / 4); actions 0 up (row - 1), 1 right, 2 down, 3 left; a move
 * into the wall stays put. The ground is slippery: with probability 1/10 (one draw of the step's rng)
 * the move goes in a uniformly drawn direction instead (a second draw). The episode ends on the goal
 * (+1, terminal), in the pit (-1, terminal) or after {@link #EPISODE_LIMIT} steps (done).
 *
 * <p>Unshaped reward: -0.01 per step, +1 on the goal, -1 in the pit. Shaped reward: the unshaped one
 * plus the potential-based term {@code 0.1 (d(s) - d(s'))} with d the Manhattan distance to the goal
 * (Ng, Harada and Russell 1999: the optimal policy does not change), so a move towards the goal
 * outranks one away from it.
 */
public record GridWorld() implements Environment {
    public static final int SIZE = 5;
    public static final int EPISODE_LIMIT = 50;
    static final int GOAL = SIZE - 1;
    static final int PIT = 2;

    @Override
    public String name() {
        return "gridworld";
    }

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public int actionCount() {
        return 4;
    }

    @Override
    public boolean episodic() {
        return true;
    }

    @Override
    public EnvState reset(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int cell;
        do {
            cell = rng.nextInt(SIZE * SIZE);
        } while (cell == GOAL * SIZE + GOAL || cell == PIT * SIZE + PIT);
        return at(cell % SIZE, cell / SIZE, 0);
    }

    @Override
    public StepResult step(EnvState state, int action, SplitMix64 rng) {
        check(state, action);
        int col = cellOf(state.value(0));
        int row = cellOf(state.value(1));
        int move = rng.nextInt(10) == 0 ? rng.nextInt(4) : action;
        int nc = StrictMath.clamp(col + (move == 1 ? 1 : move == 3 ? -1 : 0), 0, SIZE - 1);
        int nr = StrictMath.clamp(row + (move == 2 ? 1 : move == 0 ? -1 : 0), 0, SIZE - 1);
        long tick = state.tick() + 1;
        boolean goal = nc == GOAL && nr == GOAL;
        boolean pit = nc == PIT && nr == PIT;
        float unshaped = goal ? 1f : pit ? -1f : -0.01f;
        float shaped = unshaped + 0.1f * (distance(col, row) - distance(nc, nr));
        boolean terminal = goal || pit;
        return new StepResult(
                at(nc, nr, tick),
                StepResult.toFixed(shaped),
                StepResult.toFixed(unshaped),
                terminal,
                terminal || tick >= EPISODE_LIMIT);
    }

    private static int distance(int col, int row) {
        return (GOAL - col) + (GOAL - row);
    }

    private static EnvState at(int col, int row, long tick) {
        return new EnvState(new float[] {col / (float) (SIZE - 1), row / (float) (SIZE - 1)}, tick);
    }

    private static int cellOf(float v) {
        int c = StrictMath.round(v * (SIZE - 1));
        if (c < 0 || c >= SIZE || c / (float) (SIZE - 1) != v) {
            throw new IllegalArgumentException("grid coordinate " + v + " is not one of 0, 0.25, .., 1");
        }
        return c;
    }
}
