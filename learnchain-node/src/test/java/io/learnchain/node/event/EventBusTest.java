package io.learnchain.node.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {

    private static NodeEvent block(long height) {
        return new NodeEvent.BlockConnected(
                Hash.sha256(new byte[] {(byte) height}), Height.of(height), Hash.ZERO, 0, 0);
    }

    @Test
    void deliversEventsInOrderToEverySubscriber() throws InterruptedException {
        try (EventBus bus = new EventBus(16)) {
            List<NodeEvent> first = new CopyOnWriteArrayList<>();
            List<NodeEvent> second = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(6);
            bus.subscribe("a", e -> {
                first.add(e);
                done.countDown();
            });
            bus.subscribe("b", e -> {
                second.add(e);
                done.countDown();
            });
            for (long h = 1; h <= 3; h++) {
                bus.publish(block(h));
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(first).containsExactly(block(1), block(2), block(3));
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void dropsSubscriberThatFallsBehindWithoutBlockingPublisher() throws InterruptedException {
        try (EventBus bus = new EventBus(2)) {
            CountDownLatch release = new CountDownLatch(1);
            EventBus.Subscription slow = bus.subscribe("slow", e -> {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            for (long h = 1; h <= 10; h++) {
                bus.publish(block(h));
            }
            assertThat(slow.isClosed()).isTrue();
            assertThat(bus.subscriberCount()).isZero();
            release.countDown();
        }
    }
}
