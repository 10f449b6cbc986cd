package io.learnchain.node.task;

import java.util.List;
import java.util.Locale;

/**
 * Which round's winning model a requester gets: round winners are chosen on one test shard each,
 * so the latest is not always the best. With the task's whole test set here, the winner with the
 * highest test accuracy (ties to the later round); without it, the latest winner, saying why.
 */
final class ModelChoice {
    private ModelChoice() {}

    static TaskViews.Delivery byDefault(List<TaskViews.Round> rounds, boolean testSetHere) {
        List<TaskViews.Round> won =
                rounds.stream().filter(r -> r.kind().equals("pole")).toList();
        if (won.isEmpty()) {
            return new TaskViews.Delivery(null, "none", "no round has a winner yet");
        }
        TaskViews.Round latest = won.getLast();
        if (!testSetHere) {
            return new TaskViews.Delivery(
                    latest.round(),
                    "latest",
                    "the latest winner: this node does not hold the"
                            + " task's whole test set to rank the rounds (the requester's node does, and every node once all"
                            + " shards are revealed)");
        }
        List<TaskViews.Round> scored =
                won.stream().filter(r -> r.testAccuracy() != null).toList();
        if (scored.isEmpty()) {
            return new TaskViews.Delivery(
                    latest.round(), "latest", "the latest winner: no round is scored on the" + " test set yet");
        }
        TaskViews.Round best = scored.getFirst();
        for (TaskViews.Round r : scored) {
            if (r.testAccuracy() >= best.testAccuracy()) {
                best = r;
            }
        }
        String reason = String.format(
                Locale.ROOT,
                "the best test accuracy, %.2f%% on the task's %d test samples, of" + " %d round winner%s",
                100 * best.testAccuracy(),
                best.testSamples(),
                scored.size(),
                scored.size() == 1 ? "" : "s");
        int pending = won.size() - scored.size();
        if (pending > 0) {
            reason += " (" + pending + " more being scored)";
        }
        return new TaskViews.Delivery(best.round(), "best-test-accuracy", reason);
    }

    /** Round {@code round} as asked. @throws TaskRequestException when it has no winner */
    static TaskViews.Delivery requested(List<TaskViews.Round> rounds, int round) {
        List<Integer> won = rounds.stream()
                .filter(r -> r.kind().equals("pole"))
                .map(TaskViews.Round::round)
                .toList();
        if (!won.contains(round)) {
            throw new TaskRequestException(
                    "no_such_round",
                    "round " + round + " has no winning model: "
                            + (won.isEmpty() ? "no round is won yet" : "the rounds won are " + won)
                            + " (a forfeited round has none)");
        }
        return new TaskViews.Delivery(round, "requested", "round " + round + " as asked");
    }
}
