package io.learnchain.learn.rl;

/**
 * Epsilon-greedy exploration rate: linear from {@code start} to {@code end} over the first
 * {@code decaySteps} environment steps, then {@code end}. Computed in float32 as
 * {@code start + (end - start) * (step / decaySteps)}.
 */
public record EpsilonSchedule(float start, float end, long decaySteps) {

    public EpsilonSchedule {
        if (!(start >= 0f && start <= 1f) || !(end >= 0f && end <= 1f)) {
            throw new IllegalArgumentException("epsilon start and end must be in [0, 1], got " + start + " and " + end);
        }
        if (decaySteps < 0) {
            throw new IllegalArgumentException("epsilon decay steps must be >= 0, got " + decaySteps);
        }
    }

    /** The exploration rate at environment step {@code step} (0-based). */
    public float at(long step) {
        if (step >= decaySteps) {
            return end;
        }
        return start + (end - start) * ((float) step / (float) decaySteps);
    }

    public String text() {
        return "epsilon start=" + start + " end=" + end + " decay=" + decaySteps;
    }
}
