package io.learnchain.learn.train;

import io.learnchain.base.Hash;
import java.util.Objects;

/** Where training starts: fresh weights from a seed, or the parameters of an earlier model. */
public sealed interface TrainingStart {

    String text();

    /** Initialise every tensor from the protocol PRNG with this seed (see {@link Initializer}). */
    record FromSeed(long seed) implements TrainingStart {
        @Override
        public String text() {
            return "seed " + Long.toUnsignedString(seed);
        }
    }

    /** Continue from the model with this hash (it must be handed to the trainer and have the same spec). */
    record FromParent(Hash modelHash) implements TrainingStart {
        public FromParent {
            Objects.requireNonNull(modelHash, "modelHash");
        }

        @Override
        public String text() {
            return "parent " + modelHash.toHex();
        }
    }
}
