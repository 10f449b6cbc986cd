package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import java.util.Objects;

/** The small records a lifelong model keeps: accepted proposals, its loss history, per-address badges. */
public final class LifelongRecords {
    private LifelongRecords() {}

    /** A valid proposal of the open epoch: who, which weights, the recomputed loss, the including height. */
    public record Proposal(Address proposer, Hash weights, long loss, long height) {
        public Proposal {
            Objects.requireNonNull(proposer, "proposer");
            Objects.requireNonNull(weights, "weights");
        }

        void write(CanonicalWriter out) {
            out.address(proposer).hash(weights).i64(loss).i64(height);
        }

        static Proposal read(CanonicalReader in) {
            return new Proposal(in.address(), in.hash(), in.i64(), in.i64());
        }
    }

    /** How a loss became current. */
    public enum LossKind {
        /** The initial weights, measured when Dk was revealed. */
        DEPLOYED,
        /** The lowest valid proposal of an epoch. */
        EPOCH,
        /** Grown weights, measured on the old and new parts when the new parts were revealed. */
        GROWN
    }

    /** One point of the loss history: the loss that became current at {@code height}, of {@code weights} by {@code by}. */
    public record LossPoint(
            LossKind kind, long height, long epoch, long loss, Hash weights, Address by, int proposals) {
        public LossPoint {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(by, "by");
        }

        void write(CanonicalWriter out) {
            out.u8(kind.ordinal())
                    .i64(height)
                    .i64(epoch)
                    .i64(loss)
                    .hash(weights)
                    .address(by)
                    .i32(proposals);
        }

        static LossPoint read(CanonicalReader in) {
            int kind = in.u8();
            if (kind >= LossKind.values().length) {
                throw new CodecException("unknown loss kind " + kind);
            }
            return in.guard(() -> new LossPoint(
                    LossKind.values()[kind], in.i64(), in.i64(), in.i64(), in.hash(), in.address(), in.i32()));
        }
    }

    /**
     * An address's lifelong record over every model: participation badges (an accepted proposal in an
     * epoch), special badges (the epoch's lowest loss), strikes (false claims proven by a challenge)
     * and successful challenges. Reputation = participation + special badges (PROTOCOL.md 5).
     */
    public record Badges(long participation, long best, long strikes, long challenges) {
        public static final Badges NONE = new Badges(0, 0, 0, 0);

        public Badges {
            if (participation < 0 || best < 0 || strikes < 0 || challenges < 0) {
                throw new IllegalArgumentException("badge counts are >= 0");
            }
        }

        public long reputation() {
            return participation + best;
        }

        public Badges plus(long p, long b, long s, long c) {
            return new Badges(participation + p, best + b, strikes + s, challenges + c);
        }

        void write(CanonicalWriter out) {
            out.i64(participation).i64(best).i64(strikes).i64(challenges);
        }

        static Badges read(CanonicalReader in) {
            return in.guard(() -> new Badges(in.i64(), in.i64(), in.i64(), in.i64()));
        }
    }
}
