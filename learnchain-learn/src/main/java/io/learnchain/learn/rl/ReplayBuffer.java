package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;

/**
 * A fixed-capacity ring of transitions: once full, each new transition overwrites the oldest.
 * Sampling draws {@code batch} slots uniformly with replacement from {@code new SplitMix64(seed)},
 * one {@code nextInt(size)} per sample in order, so a batch seed fixes the batch. Mutable, not
 * thread-safe; {@link #copy} gives an independent snapshot.
 */
public final class ReplayBuffer {
    private final int capacity;
    private final int width;
    private final float[] states;
    private final float[] nexts;
    private final int[] actions;
    private final float[] rewards;
    private final boolean[] terminals;
    private int size;
    private int head;

    public ReplayBuffer(int capacity, int observationSize) {
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("replay capacity must be in [1, 2^24], got " + capacity);
        }
        if ((long) capacity * observationSize > 1 << 28) {
            throw new IllegalArgumentException(
                    "replay of " + capacity + " x " + observationSize + " values is too large; lower the capacity");
        }
        this.capacity = capacity;
        this.width = observationSize;
        this.states = new float[capacity * observationSize];
        this.nexts = new float[capacity * observationSize];
        this.actions = new int[capacity];
        this.rewards = new float[capacity];
        this.terminals = new boolean[capacity];
    }

    private ReplayBuffer(ReplayBuffer o) {
        this.capacity = o.capacity;
        this.width = o.width;
        this.states = o.states.clone();
        this.nexts = o.nexts.clone();
        this.actions = o.actions.clone();
        this.rewards = o.rewards.clone();
        this.terminals = o.terminals.clone();
        this.size = o.size;
        this.head = o.head;
    }

    public ReplayBuffer copy() {
        return new ReplayBuffer(this);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public void add(Transition t) {
        if (t.state().size() != width) {
            throw new IllegalArgumentException("replay holds states of " + width + " values, got "
                    + t.state().size());
        }
        t.state().copyInto(states, head * width);
        t.next().copyInto(nexts, head * width);
        actions[head] = t.action();
        rewards[head] = t.reward();
        terminals[head] = t.terminal();
        head = head + 1 == capacity ? 0 : head + 1;
        size = StrictMath.min(size + 1, capacity);
    }

    /** Fills the batch arrays (states and next states batch-major) with {@code batch} sampled transitions. */
    public void sample(long seed, int batch, Batch out) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample an empty replay buffer");
        }
        SplitMix64 rng = new SplitMix64(seed);
        for (int i = 0; i < batch; i++) {
            int slot = rng.nextInt(size);
            System.arraycopy(states, slot * width, out.states, i * width, width);
            System.arraycopy(nexts, slot * width, out.nexts, i * width, width);
            out.actions[i] = actions[slot];
            out.rewards[i] = rewards[slot];
            out.terminals[i] = terminals[slot];
        }
    }

    /** Scratch arrays of one sampled batch. */
    public record Batch(float[] states, float[] nexts, int[] actions, float[] rewards, boolean[] terminals) {
        public static Batch of(int batch, int observationSize) {
            return new Batch(
                    new float[batch * observationSize],
                    new float[batch * observationSize],
                    new int[batch],
                    new float[batch],
                    new boolean[batch]);
        }
    }
}
