package io.learnchain.learn.format.onnx;

/**
 * One axis of a tensor on the model's data path, as the importer tracks it: the batch, an axis of
 * the engine's sample shape (by its index there, so a transpose that swaps two equal-sized axes is
 * not mistaken for the original order), an LSTM's time axis (of which only the last step is the
 * engine's output) or a size-1 axis the engine does not have (an LSTM's direction axis).
 */
sealed interface Axis {

    /** The axis length as ONNX sees it (the batch is symbolic: -1). */
    long length();

    record Batch() implements Axis {
        @Override
        public long length() {
            return -1;
        }
    }

    /** Axis {@code index} of the engine's current sample shape, of {@code size} values. */
    record Sample(int index, int size) implements Axis {
        @Override
        public long length() {
            return size;
        }
    }

    /** An LSTM's output over all {@code steps} time steps; the engine's lstm layer keeps the last one. */
    record Time(int steps) implements Axis {
        @Override
        public long length() {
            return steps;
        }
    }

    /** A size-1 axis with no counterpart in the engine (an LSTM's direction axis, a sliced last step). */
    record Single() implements Axis {
        @Override
        public long length() {
            return 1;
        }
    }
}
