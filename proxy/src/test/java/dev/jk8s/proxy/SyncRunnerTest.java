package dev.jk8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SyncRunnerTest {

    @Test
    void requestsDuringARunAreServedTogetherByOneMoreRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inFirstRun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SyncRunner runner = new SyncRunner("test", Duration.ZERO, Duration.ofHours(1), since -> {
            if (runs.incrementAndGet() == 1) {
                inFirstRun.countDown();
                release.await();
            }
        })) {
            runner.start();
            runner.request();
            inFirstRun.await();
            for (int i = 0; i < 10; i++) {
                runner.request();
            }
            release.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailedRunIsRetriedWithItsRequestsOldestTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        long[] sinces = new long[2];
        try (SyncRunner runner = new SyncRunner("test", Duration.ofMillis(10), Duration.ofHours(1), since -> {
            int n = runs.incrementAndGet();
            if (n <= 2) {
                sinces[n - 1] = since;
            }
            if (n == 1) {
                throw new IllegalStateException("iptables-restore failed");
            }
        })) {
            runner.start();
            runner.request();

            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 2);
            assertThat(sinces[1]).isEqualTo(sinces[0]).isNotEqualTo(-1);
        }
    }

    @Test
    void failuresInARowBackOffFromOneSecondDoubling() throws Exception {
        java.util.List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SyncRunner runner = new SyncRunner("test", Duration.ZERO, Duration.ofHours(1), since -> {
            starts.add(System.nanoTime());
            throw new IllegalStateException("iptables-restore: line 3 failed");
        })) {
            runner.start();
            runner.request();

            await().atMost(Duration.ofSeconds(10)).until(() -> starts.size() >= 3);
            assertThat(starts.get(1) - starts.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
            assertThat(starts.get(2) - starts.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(1950).toNanos());
        }
    }

    @Test
    void runsAtLeastOncePerMaxIntervalWithoutRequests() throws Exception {
        AtomicInteger periodic = new AtomicInteger();
        try (SyncRunner runner = new SyncRunner("test", Duration.ZERO, Duration.ofMillis(50), since -> {
            if (since == -1) {
                periodic.incrementAndGet();
            }
        })) {
            runner.start();

            await().atMost(Duration.ofSeconds(5)).until(() -> periodic.get() >= 2);
        }
    }
}
