package dev.jk8s.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WorkQueueTest {

    private final WorkQueue<String> queue = WorkQueue.create("test");

    @AfterEach
    void shutDown() {
        queue.shutDown();
    }

    @Test
    void aKeyAddedTwiceWhileWaitingIsQueuedOnce() throws InterruptedException {
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertThat(queue.len()).isEqualTo(2);
        assertThat(queue.get()).isEqualTo("a");
        assertThat(queue.get()).isEqualTo("b");
        assertThat(queue.len()).isZero();
    }

    @Test
    void aKeyAddedWhileProcessingIsQueuedAgainOnlyAfterDone() throws InterruptedException {
        queue.add("a");
        String key = queue.get();

        queue.add("a");
        queue.add("a");
        assertThat(queue.len()).as("not handed out again while a worker holds it").isZero();

        queue.done(key);
        assertThat(queue.len()).isEqualTo(1);
        assertThat(queue.get()).isEqualTo("a");
        queue.done("a");
        assertThat(queue.len()).isZero();
    }

    @Test
    void doneOfAKeyNotAddedMeanwhileDoesNotRequeueIt() throws InterruptedException {
        queue.add("a");
        queue.done(queue.get());
        queue.done("never-handed-out");

        assertThat(queue.len()).isZero();
    }

    @Test
    void neverHandsOneKeyToTwoWorkersAndAlwaysProcessesTheLatestChange() throws Exception {
        int keys = 3;
        int changes = 3000;
        Map<String, Integer> latest = new ConcurrentHashMap<>();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(CompletableFuture.runAsync(() -> work(inFlight, overlaps, latest, seen), daemonThread()));
        }

        for (int i = 1; i <= changes; i++) {
            String key = "k" + ThreadLocalRandom.current().nextInt(keys);
            latest.put(key, i);
            queue.add(key);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.equals(latest));
        queue.shutDown();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        assertThat(overlaps.get()).as("times a key was handed to a second worker while held").isZero();
    }

    private void work(Set<String> inFlight, AtomicInteger overlaps, Map<String, Integer> latest,
                      Map<String, Integer> seen) {
        try {
            for (String key; (key = queue.get()) != null; ) {
                if (!inFlight.add(key)) {
                    overlaps.incrementAndGet();
                }
                // A sync reads the current state, like a controller reading its cache.
                seen.put(key, latest.get(key));
                Thread.yield();
                inFlight.remove(key);
                queue.done(key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Executor daemonThread() {
        return r -> {
            Thread t = new Thread(r, "worker");
            t.setDaemon(true);
            t.start();
        };
    }

    @Test
    void rateLimitedAddsCountRequeuesUntilForget() throws InterruptedException {
        WorkQueue<String> q = WorkQueue.create("rate", new Backoff(Duration.ofMillis(1), Duration.ofMillis(20)));
        try {
            for (int i = 1; i <= 3; i++) {
                q.addRateLimited("a");
                assertThat(q.get()).isEqualTo("a");
                q.done("a");
                assertThat(q.numRequeues("a")).isEqualTo(i);
            }

            q.forget("a");

            assertThat(q.numRequeues("a")).isZero();
            assertThat(q.numRequeues("other")).isZero();
        } finally {
            q.shutDown();
        }
    }

    @Test
    void rateLimitedAddWaitsItsBackoffBeforeTheKeyIsQueued() {
        WorkQueue<String> q = WorkQueue.create("slow", new Backoff(Duration.ofHours(1), Duration.ofHours(2)));
        try {
            q.addRateLimited("a");

            assertThat(q.len()).isZero();
            assertThat(q.numRequeues("a")).isEqualTo(1);
        } finally {
            q.shutDown();
        }
    }

    @Test
    void delayedKeysArriveInOrderOfTheirDueTime() throws InterruptedException {
        // Added out of order; 400 ms apart, so that only a stall of that long between two adds
        // (a loaded CI machine) could change which is due first. It failed with 30 ms.
        queue.addAfter("c", Duration.ofMillis(1200));
        queue.addAfter("a", Duration.ofMillis(400));
        queue.addAfter("b", Duration.ofMillis(800));
        queue.addAfter("now", Duration.ZERO);

        assertThat(List.of(queue.get(), queue.get(), queue.get(), queue.get())).containsExactly("now", "a", "b", "c");
    }

    @Test
    void aKeyDelayedAgainKeepsItsEarlierTime() throws InterruptedException {
        queue.addAfter("a", Duration.ofMillis(10));
        queue.addAfter("a", Duration.ofHours(1));

        assertThat(queue.get()).isEqualTo("a");
        queue.done("a");
        assertThat(queue.len()).isZero();
    }

    @Test
    void shutDownUnblocksWaitingWorkersAndIgnoresLaterAdds() throws Exception {
        AtomicReference<String> got = new AtomicReference<>("not returned");
        Thread worker = new Thread(() -> got.set(getUnchecked()), "worker");
        worker.start();
        await().until(() -> worker.getState() == Thread.State.WAITING);

        queue.shutDown();
        queue.add("late");

        worker.join();
        assertThat(got.get()).isNull();
        assertThat(queue.get()).isNull();
        assertThat(queue.isShuttingDown()).isTrue();
    }

    @Test
    void shutDownWithDrainHandsOutQueuedKeysAndWaitsForThemToBeDone() throws Exception {
        queue.add("a");
        queue.add("b");
        String first = queue.get();
        Thread drain = new Thread(queue::shutDownWithDrain, "drain");
        drain.start();
        await().until(() -> drain.getState() == Thread.State.WAITING);

        queue.add("ignored");
        String second = queue.get();
        queue.done(first);
        assertThat(drain.isAlive()).as("still waiting for %s", second).isTrue();
        queue.done(second);

        drain.join();
        assertThat(List.of(first, second)).containsExactly("a", "b");
        assertThat(queue.get()).isNull();
    }

    @Test
    void anInterruptedWorkerStopsWaiting() throws InterruptedException {
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set("returned " + queue.get());
            } catch (InterruptedException e) {
                outcome.set("interrupted");
            }
        }, "worker");
        worker.start();
        await().until(() -> worker.getState() == Thread.State.WAITING);

        worker.interrupt();

        worker.join();
        assertThat(outcome.get()).isEqualTo("interrupted");
    }

    private String getUnchecked() {
        try {
            return queue.get();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
