package io.learnchain.learn.train;

/** Receives {@link TrainingProgress} every {@link #interval()} steps and after the last step. */
public interface TrainingListener {
    TrainingListener NONE = p -> {};

    void onProgress(TrainingProgress progress);

    /** Steps between reports. */
    default int interval() {
        return 100;
    }
}
