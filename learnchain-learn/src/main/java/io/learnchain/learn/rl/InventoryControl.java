package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;

/**
 * Non-episodic inventory control, the kind of continuing task paper 000 names (factory operations):
 * a shop holds 0 to {@link #CAPACITY} units; each step it orders 0, 2, 4, 6 or 8 units (action 0..4),
 * which arrive at once (stock capped at capacity), then a demand is drawn and served from stock. The
 * demand is binomial(8, m/8) with a seasonal mean {@code m = 4 + 2 sin(2 pi t / 12)} (eight draws of
 * the step's rng), so a good policy stocks up before the peak.
 *
 * <p>Observation (stock / 20, last demand / 8, sin and cos of the season phase of the next step).
 * Reward (shaped and unshaped alike: the step's profit already ranks competing orders):
 * {@code 2 sales - 1 ordered - 0.5 [ordered > 0] - 0.1 stock left - 0.5 demand unmet}. Never done.
 */
public record InventoryControl() implements Environment {
    public static final int CAPACITY = 20;
    public static final int MAX_DEMAND = 8;
    public static final int PERIOD = 12;

    @Override
    public String name() {
        return "inventory";
    }

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int actionCount() {
        return 5;
    }

    @Override
    public boolean episodic() {
        return false;
    }

    /** Starts with a stock drawn uniformly in [0, capacity] at tick 0. */
    @Override
    public EnvState reset(long seed) {
        int stock = new SplitMix64(seed).nextInt(CAPACITY + 1);
        return observe(stock, 0, 0);
    }

    @Override
    public StepResult step(EnvState state, int action, SplitMix64 rng) {
        check(state, action);
        int stock = StrictMath.round(state.value(0) * CAPACITY);
        if (stock < 0 || stock > CAPACITY || stock / (float) CAPACITY != state.value(0)) {
            throw new IllegalArgumentException(
                    "inventory stock " + state.value(0) + " is not a multiple of 1/20 in [0, 1]");
        }
        int ordered = 2 * action;
        int available = StrictMath.min(CAPACITY, stock + ordered);
        float p = meanDemand(state.tick()) / MAX_DEMAND;
        int demand = 0;
        for (int i = 0; i < MAX_DEMAND; i++) {
            if (rng.nextFloat() < p) {
                demand++;
            }
        }
        int sales = StrictMath.min(available, demand);
        int left = available - sales;
        float profit = 2f * sales - ordered - (ordered > 0 ? 0.5f : 0f) - 0.1f * left - 0.5f * (demand - sales);
        long r = StepResult.toFixed(profit);
        return new StepResult(observe(left, demand, state.tick() + 1), r, r, false, false);
    }

    static float meanDemand(long tick) {
        return 4f + 2f * (float) StrictMath.sin(2 * StrictMath.PI * (tick % PERIOD) / PERIOD);
    }

    private static EnvState observe(int stock, int lastDemand, long tick) {
        double phase = 2 * StrictMath.PI * (tick % PERIOD) / PERIOD;
        return new EnvState(
                new float[] {
                    stock / (float) CAPACITY,
                    lastDemand / (float) MAX_DEMAND,
                    (float) StrictMath.sin(phase),
                    (float) StrictMath.cos(phase)
                },
                tick);
    }
}
