package io.learnchain.cli.node;

import java.util.Optional;

/**
 * Ends this JVM (shutdown hooks run, so the node closes its stores cleanly) once the process that
 * started it is gone. `learnchain devnet` passes its pid with the hidden {@code --parent-pid}
 * option, so no node outlives a devnet that was killed with SIGKILL.
 */
final class ParentWatch {
    static final long POLL_MILLIS = 500;

    private ParentWatch() {}

    /**
     * Starts the watch on {@code pid}; exits at once when no such process is running.
     * {@link ProcessHandle#isAlive()} compares the start time too, so a reused pid does not fool it.
     */
    static void start(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            exit(pid);
            return;
        }
        ProcessHandle handle = parent.get();
        Thread watch = new Thread(
                () -> {
                    try {
                        while (handle.isAlive()) {
                            Thread.sleep(POLL_MILLIS);
                        }
                        exit(pid);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "learnchain-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void exit(long pid) {
        System.err.println("learnchain node: the process that started this node (pid " + pid + ") is gone; stopping");
        System.exit(0);
    }
}
