package dev.jk8s.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Codec;
import dev.jk8s.api.FieldSelector;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.Selector;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.apiserver.storage.InMemoryStore;
import dev.jk8s.proto.WatchBatch;
import dev.jk8s.proto.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WatchCacheTest {

    private static final String PREFIX = "/registry/configmaps/";

    private final InMemoryStore store = new InMemoryStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger etcdWatches = new AtomicInteger();
    private final AtomicInteger clientWatches = new AtomicInteger();
    private WatchCache<ConfigMap> cache;

    @BeforeEach
    void setUp() {
        cache = new WatchCache<>(Kinds.CONFIG_MAP, store, PREFIX,
                (bytes, rev) -> {
                    ConfigMap cm = Codec.decode(bytes, Kinds.CONFIG_MAP);
                    return cm.withMetadata(cm.metadata().withResourceVersion(Long.toString(rev)));
                },
                100, Runnable::run, scheduler, etcdWatches::addAndGet, clientWatches::addAndGet);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        scheduler.shutdownNow();
    }

    @Test
    void replaysEveryChangeAfterTheRequestedRevisionThenStreamsLiveOnes() {
        long r0 = put("a", Map.of());
        long r1 = put("b", Map.of());
        cache.start(0);
        Sink sink = new Sink();
        cache.watch(request(r0, Selector.EVERYTHING, false), sink);
        long r2 = put("c", Map.of());
        assertThat(sink.revisions()).containsExactly(r1, r2);
        assertThat(sink.types()).containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.ADDED);
        assertThat(etcdWatches.get()).isEqualTo(1);
        assertThat(clientWatches.get()).isEqualTo(1);
    }

    @Test
    void anObjectThatStopsMatchingIsDeletedForTheWatcher() {
        cache.start(0);
        Sink sink = new Sink();
        cache.watch(request(0, Selector.parse("color=blue"), false), sink);
        put("a", Map.of("color", "red"));
        put("a", Map.of("color", "blue"));
        put("a", Map.of("color", "green"));
        assertThat(sink.types()).containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.DELETED);
    }

    @Test
    void aWatchFromBeforeTheCompactionIsExpired() {
        long old = put("a", Map.of());
        long newer = put("a", Map.of("x", "y"));
        cache.start(0);
        cache.compacted(newer);
        assertThatThrownBy(() -> cache.watch(request(old, Selector.EVERYTHING, false), new Sink()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
                .hasMessageContaining("too old resource version: " + old);
    }

    @Test
    void initialEventsListTheCurrentObjectsFirst() {
        put("a", Map.of());
        put("b", Map.of());
        cache.start(0);
        Sink sink = new Sink();
        cache.watch(request(0, Selector.EVERYTHING, true), sink);
        put("c", Map.of());
        assertThat(sink.names()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(sink.names().get(2)).isEqualTo("c");
    }

    @Test
    void aWatcherWhoseClientWentAwayIsClosedAndNoLongerCounted() {
        cache.start(0);
        Sink sink = new Sink();
        cache.watch(request(0, Selector.EVERYTHING, false), sink);
        assertThat(clientWatches.get()).isEqualTo(1);
        sink.cancel();
        put("a", Map.of());
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> clientWatches.get() == 0);
        assertThat(cache.watcherCount()).isZero();
    }

    @Test
    void objectsWrittenInOneRevisionArriveTogetherAndAResumeFromThatRevisionSkipsThemAll() {
        cache.start(0);
        Sink live = new Sink();
        cache.watch(request(0, Selector.EVERYTHING, false), live);
        long shared = store.createAll(Map.of(PREFIX + "default/x", encode("x"), PREFIX + "default/y", encode("y"),
                PREFIX + "default/z", encode("z")));
        assertThat(live.names()).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(live.batchSizes).containsExactly(3);
        assertThat(live.revisions()).containsOnly(shared);
        assertThat(cache.snapshot()).extracting(c -> c.metadata().name()).contains("x", "y", "z");

        Sink resumed = new Sink();
        cache.watch(request(shared, Selector.EVERYTHING, false), resumed);
        long later = put("after", Map.of());
        assertThat(resumed.revisions()).containsExactly(later);
        Sink replayed = new Sink();
        cache.watch(request(shared - 1, Selector.EVERYTHING, false), replayed);
        assertThat(replayed.names()).containsExactlyInAnyOrder("x", "y", "z", "after");
    }

    @Test
    void bookmarksMoveAWatcherPastChangesItWasNotShown() {
        cache.start(0);
        Sink sink = new Sink();
        cache.watch(new WatchRequest("default", Selector.parse("color=blue"), FieldSelector.EVERYTHING, 0, false, true), sink);
        put("a", Map.of("color", "red"));
        long last = put("b", Map.of("color", "red"));
        cache.bookmarkAll();
        cache.bookmarkAll();
        assertThat(sink.types()).containsExactly(WatchEvent.Type.BOOKMARK);
        assertThat(sink.revisions()).containsExactly(last);
    }

    @Test
    void aStoredValueThatDoesNotDecodeIsSkippedNotFatal() {
        store.create(PREFIX + "default/garbage", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put("good", Map.of());
        cache.start(0);
        assertThat(cache.snapshot()).extracting(c -> c.metadata().name()).containsExactly("good");
        Sink sink = new Sink();
        cache.watch(request(0, Selector.EVERYTHING, false), sink);
        store.create(PREFIX + "default/garbage2", "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long ok = put("fine", Map.of());
        assertThat(sink.revisions()).containsExactly(ok);
    }

    private static byte[] encode(String name) {
        return Codec.encode(new ConfigMap(ObjectMeta.named("default", name), Map.of()));
    }

    private long put(String name, Map<String, String> labels) {
        ConfigMap cm = new ConfigMap(ObjectMeta.builder().namespace("default").name(name).labels(labels).build(), Map.of());
        byte[] bytes = Codec.encode(cm);
        return store.get(PREFIX + "default/" + name)
                .map(kv -> store.update(kv.key(), bytes, kv.modRevision()))
                .orElseGet(() -> store.create(PREFIX + "default/" + name, bytes));
    }

    private static WatchRequest request(long after, Selector labels, boolean initial) {
        return new WatchRequest("default", labels, FieldSelector.EVERYTHING, after, initial, false);
    }

    /** Records what a watcher is sent; always ready. */
    static final class Sink implements WatchSink {
        final List<WatchEvent> events = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        Runnable onCancel;
        boolean cancelled;
        ApiException closedWith;

        @Override
        public void send(WatchBatch batch) {
            events.addAll(batch.getEventsList());
            batchSizes.add(batch.getEventsCount());
        }

        @Override
        public void close(ApiException error) {
            closedWith = error;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void onReady(Runnable task) {
            task.run();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable task) {
            onCancel = task;
        }

        void cancel() {
            cancelled = true;
            onCancel.run();
        }

        List<Long> revisions() {
            return events.stream().map(WatchEvent::getResourceVersion).toList();
        }

        List<WatchEvent.Type> types() {
            return events.stream().map(WatchEvent::getType).toList();
        }

        List<String> names() {
            return events.stream().map(e -> Codec.decode(e.getObject().toByteArray()).metadata().name()).toList();
        }
    }
}
