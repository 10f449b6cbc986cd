package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;

/**
 * A fixed-capacity ring of transitions: once full, each new transition overwrites the oldest.
 * Sampling draws {@code batch} slots uniformly with replacement from {@code new SplitMix64(seed)},
 * one {@code nextInt(size)} per sample in order, so a batch seed fixes the batch. Mutable, not
 * thread-safe; {@link #copy} gives an independent snapshot.
 *
 * <p>Storage is a list of chunks of {@value #CHUNK} slots, allocated when first written and shared
 * copy-on-write between a buffer and its copies: {@link #copy} costs the chunk table, not the
 * transitions, and a write to a shared chunk clones that chunk first. A chain's verifiers keep one
 * learner per proposer and branch, each a copy of its state at the parent block, so copies are
 * frequent and must be cheap.
 */
public final class ReplayBuffer {
    static final int CHUNK = 256;

    private final int capacity;
    private final int width;
    private final Chunk[] chunks;
    /** The owner mark of chunks this buffer may write in place; a copy gets a fresh one for both sides. */
    private Object owner = new Object();

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
        this.chunks = new Chunk[(capacity + CHUNK - 1) / CHUNK];
    }

    private ReplayBuffer(ReplayBuffer o) {
        this.capacity = o.capacity;
        this.width = o.width;
        this.chunks = o.chunks.clone();
        this.size = o.size;
        this.head = o.head;
        o.owner = new Object(); // neither side may now write the shared chunks in place
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
        Chunk c = writable(head / CHUNK);
        int i = head % CHUNK;
        t.state().copyInto(c.states, i * width);
        t.next().copyInto(c.nexts, i * width);
        c.actions[i] = t.action();
        c.rewards[i] = t.reward();
        c.terminals[i] = t.terminal();
        head = head + 1 == capacity ? 0 : head + 1;
        size = StrictMath.min(size + 1, capacity);
    }

    private Chunk writable(int index) {
        Chunk c = chunks[index];
        if (c == null) {
            c = new Chunk(owner, StrictMath.min(CHUNK, capacity - index * CHUNK), width);
        } else if (c.owner != owner) {
            c = c.cloneFor(owner);
        } else {
            return c;
        }
        chunks[index] = c;
        return c;
    }

    /** Fills the batch arrays (states and next states batch-major) with {@code batch} sampled transitions. */
    public void sample(long seed, int batch, Batch out) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample an empty replay buffer");
        }
        SplitMix64 rng = new SplitMix64(seed);
        for (int i = 0; i < batch; i++) {
            int slot = rng.nextInt(size);
            Chunk c = chunks[slot / CHUNK];
            int j = slot % CHUNK;
            System.arraycopy(c.states, j * width, out.states, i * width, width);
            System.arraycopy(c.nexts, j * width, out.nexts, i * width, width);
            out.actions[i] = c.actions[j];
            out.rewards[i] = c.rewards[j];
            out.terminals[i] = c.terminals[j];
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

    /** Up to {@value #CHUNK} consecutive slots. */
    private static final class Chunk {
        final Object owner;
        final float[] states;
        final float[] nexts;
        final int[] actions;
        final float[] rewards;
        final boolean[] terminals;

        Chunk(Object owner, int slots, int width) {
            this(
                    owner,
                    new float[slots * width],
                    new float[slots * width],
                    new int[slots],
                    new float[slots],
                    new boolean[slots]);
        }

        private Chunk(
                Object owner, float[] states, float[] nexts, int[] actions, float[] rewards, boolean[] terminals) {
            this.owner = owner;
            this.states = states;
            this.nexts = nexts;
            this.actions = actions;
            this.rewards = rewards;
            this.terminals = terminals;
        }

        Chunk cloneFor(Object newOwner) {
            return new Chunk(
                    newOwner, states.clone(), nexts.clone(), actions.clone(), rewards.clone(), terminals.clone());
        }
    }
}
