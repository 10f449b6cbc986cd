package io.learnchain.cli.learn;

import io.learnchain.cli.common.Terminal;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.data.TrainTestData;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Loads a data set for a command, with a progress bar (megabytes of files read) when stdout is a terminal. */
final class DataLoading {
    private DataLoading() {}

    static boolean isTerminal() {
        return Terminal.isTerminal();
    }

    /** {@code json}: the command prints JSON, so no bar. */
    static TrainTestData load(String dataset, boolean json) {
        if (json || !isTerminal()) {
            return DatasetLoader.standard().load(dataset);
        }
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("load")
                .setInitialMax(1)
                .setUnit(" MB", 1 << 20)
                .build()) {
            return DatasetLoader.standard().load(dataset, (read, total) -> {
                bar.maxHint(total);
                bar.stepTo(read);
            });
        }
    }
}
