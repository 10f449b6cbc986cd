package io.learnchain.learn.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void runsEveryTaskExactlyOnceAcrossManyCalls() {
        try (ComputePool pool = new ComputePool(3)) {
            for (int call = 0; call < 500; call++) {
                int tasks = 1 + call % 37;
                AtomicIntegerArray seen = new AtomicIntegerArray(tasks);
                pool.forEach(tasks, seen::incrementAndGet);
                for (int i = 0; i < tasks; i++) {
                    assertThat(seen.get(i)).as("call %d task %d", call, i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void nestedCallsFromInsideTasksRunInlineWithoutDeadlock() {
        try (ComputePool pool = new ComputePool(2)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(6 * 5);
            pool.forEach(6, i -> pool.forEach(5, j -> seen.incrementAndGet(i * 5 + j)));
            for (int i = 0; i < 30; i++) {
                assertThat(seen.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void propagatesTaskFailureToCaller() {
        try (ComputePool pool = new ComputePool(2)) {
            assertThatThrownBy(() -> pool.forEach(10, i -> {
                        if (i == 7) {
                            throw new IllegalStateException("task 7 failed");
                        }
                    }))
                    .hasMessage("task 7 failed");
            AtomicIntegerArray seen = new AtomicIntegerArray(4);
            pool.forEach(4, seen::incrementAndGet);
            assertThat(seen.get(3)).isEqualTo(1);
        }
    }

    @Test
    void rejectsBadThreadCountsAndUseAfterClose() {
        assertThatThrownBy(() -> new ComputePool(0)).hasMessageContaining("1 to 1024 threads");
        ComputePool pool = new ComputePool(2);
        pool.close();
        assertThatThrownBy(() -> pool.forEach(3, i -> {})).hasMessageContaining("closed");
    }
}
