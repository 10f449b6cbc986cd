package io.learnchain.node.pole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.node.clock.Clock;
import io.learnchain.node.clock.ManualClock;
import io.learnchain.node.gossip.WorkerScheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerSchedulerTest {

    @Test
    void runsTasksOneAtATimeInDueTimeThenSubmissionOrder() throws Exception {
        ManualClock clock = new ManualClock(1_000);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (WorkerScheduler s = new WorkerScheduler("test-worker", clock)) {
            s.after(50, () -> ran.add("c"));
            s.after(10, () -> ran.add("b1"));
            s.after(10, () -> ran.add("b2"));
            s.after(0, () -> ran.add("a"));
            assertThat(s.call(() -> List.copyOf(ran), 5_000)).containsExactly("a");
            clock.advance(10);
            assertThat(s.call(() -> List.copyOf(ran), 5_000)).containsExactly("a", "b1", "b2");
            clock.advance(40);
            assertThat(s.call(() -> List.copyOf(ran), 5_000)).containsExactly("a", "b1", "b2", "c");
            assertThat(s.call(() -> Thread.currentThread().getName(), 5_000)).isEqualTo("test-worker");
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheWorkerAndCallRethrows() {
        try (WorkerScheduler s = new WorkerScheduler("test-worker", Clock.system())) {
            s.after(0, () -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(() -> s.call(
                            () -> {
                                throw new IllegalArgumentException("bad input");
                            },
                            5_000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad input");
            assertThat(s.call(() -> 42, 5_000)).isEqualTo(42);
        }
    }

    @Test
    void closeWaitsForTheRunningTaskAndDropsTheRest() throws Exception {
        WorkerScheduler s = new WorkerScheduler("test-worker", Clock.system());
        CountDownLatch started = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        s.after(0, () -> {
            started.countDown();
            sleep(200);
            ran.add("first");
        });
        s.after(0, () -> ran.add("second"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        s.close();
        assertThat(ran).containsExactly("first");
        s.after(0, () -> ran.add("after close"));
        assertThat(s.pending()).isZero();
        assertThatThrownBy(() -> s.after(-1, () -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
