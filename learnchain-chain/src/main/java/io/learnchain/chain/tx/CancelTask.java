package io.learnchain.chain.tx;

/**
 * The requester withdraws an open task: the unspent escrow returns to it minus the cancellation
 * penalty, which is burned (see {@code io.learnchain.chain.pole.TaskRules}).
 */
public record CancelTask(long taskId) implements Payload {
    public static final int TAG = 3;

    public CancelTask {
        if (taskId < 1) {
            throw new IllegalArgumentException("task ids start at 1, got " + taskId);
        }
    }

    @Override
    public int tag() {
        return TAG;
    }
}
