package dev.jk8s.client.informer;

import static dev.jk8s.client.WatchEvent.Type.ADDED;
import static dev.jk8s.client.WatchEvent.Type.BOOKMARK;
import static dev.jk8s.client.WatchEvent.Type.DELETED;
import static dev.jk8s.client.WatchEvent.Type.MODIFIED;
import static dev.jk8s.client.informer.TestObjects.cm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.client.workqueue.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SharedInformerTest {

    private final FakeListerWatcher<ConfigMap> server = new FakeListerWatcher<>();
    private final SharedInformer<ConfigMap> informer =
            new SharedInformer<>("configmaps", server, new Backoff(Duration.ofMillis(1), Duration.ofMillis(20)));
    private final Recorder recorder = new Recorder();

    @AfterEach
    void stop() {
        informer.stop();
    }

    /** Records every call as text, e.g. {@code update ns/a@1->2}. */
    static final class Recorder implements ResourceEventHandler<ConfigMap> {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(ConfigMap o) {
            calls.add("add " + Keys.of(o) + "@" + o.metadata().resourceVersion());
        }

        @Override
        public void onUpdate(ConfigMap old, ConfigMap o) {
            calls.add("update " + Keys.of(o) + "@" + old.metadata().resourceVersion() + "->" + o.metadata().resourceVersion());
        }

        @Override
        public void onDelete(ConfigMap o) {
            calls.add("delete " + Keys.of(o) + "@" + o.metadata().resourceVersion());
        }
    }

    private void startSyncedWith(ConfigMap... items) {
        server.answerList(10, List.of(items));
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
        await().until(() -> server.sessions().size() == 1);
    }

    @Test
    void listsThenWatchesFromTheListsRevisionAndAppliesEventsInOrder() {
        startSyncedWith(cm("ns", "a", 5), cm("ns", "b", 6));
        assertThat(server.session(0).resourceVersion()).isEqualTo(10);

        server.session(0).send(MODIFIED, cm("ns", "a", 11), 11);
        server.session(0).send(DELETED, cm("ns", "b", 6), 12);
        server.session(0).send(ADDED, cm("ns", "c", 13), 13);

        await().until(() -> recorder.calls.size() == 5);
        assertThat(recorder.calls).containsExactly("add ns/a@5", "add ns/b@6", "update ns/a@5->11", "delete ns/b@6",
                "add ns/c@13");
        assertThat(informer.indexer().keys()).containsExactly("ns/a", "ns/c");
        assertThat(informer.indexer().get("ns/a")).hasValueSatisfying(o -> assertThat(o.metadata().revision()).isEqualTo(11));
        assertThat(informer.lastSyncResourceVersion()).isEqualTo(13);
    }

    @Test
    void resumesFromTheLastRevisionSeenWhenTheWatchEnds() {
        startSyncedWith(cm("ns", "a", 5));

        server.session(0).send(MODIFIED, cm("ns", "a", 11), 11);
        server.session(0).send(BOOKMARK, null, 20);
        server.session(0).end(ApiException.unavailable("apiserver restarting"));
        await().until(() -> server.sessions().size() == 2);
        server.session(1).end(null);
        await().until(() -> server.sessions().size() == 3);

        assertThat(server.session(1).resourceVersion()).isEqualTo(20);
        assertThat(server.session(2).resourceVersion()).isEqualTo(20);
        assertThat(server.session(0).closed()).isTrue();
        assertThat(server.listCalls()).isEqualTo(1);
        assertThat(recorder.calls).containsExactly("add ns/a@5", "update ns/a@5->11");
    }

    @Test
    void relistsWhenTheRevisionExpiredAndDeliversWhatChangedMeanwhile() {
        startSyncedWith(cm("ns", "a", 5), cm("ns", "b", 6), cm("ns", "same", 7));
        server.answerList(30, List.of(cm("ns", "a", 15), cm("ns", "c", 16), cm("ns", "same", 7)));

        server.session(0).end(ApiException.expired("revision 10 has been compacted"));

        await().until(() -> server.sessions().size() == 2);
        assertThat(server.session(1).resourceVersion()).isEqualTo(30);
        assertThat(recorder.calls).containsExactly("add ns/a@5", "add ns/b@6", "add ns/same@7",
                "update ns/a@5->15", "add ns/c@16", "delete ns/b@6");
        assertThat(informer.indexer().keys()).containsExactly("ns/a", "ns/c", "ns/same");
    }

    @Test
    void retriesAFailingFirstListUntilItSucceeds() {
        server.failList(ApiException.unavailable("the apiserver at 127.0.0.1:6443 is unreachable"));
        server.failList(ApiException.unavailable("the apiserver at 127.0.0.1:6443 is unreachable"));
        server.answerList(10, List.of(cm("ns", "a", 5)));
        informer.start();

        assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
        assertThat(server.listCalls()).isEqualTo(3);
        assertThat(informer.indexer().keys()).containsExactly("ns/a");
    }

    @Test
    void aThrowingHandlerDoesNotStopTheInformerOrOtherHandlers() {
        informer.addEventHandler(ResourceEventHandler.onChange(o -> {
            throw new IllegalStateException("handler bug");
        }));
        startSyncedWith(cm("ns", "a", 5));

        server.session(0).send(ADDED, cm("ns", "b", 11), 11);

        await().until(() -> recorder.calls.size() == 2);
        assertThat(recorder.calls).containsExactly("add ns/a@5", "add ns/b@11");
        assertThat(informer.indexer().keys()).containsExactly("ns/a", "ns/b");
    }

    @Test
    void aHandlerAddedAfterStartFirstGetsTheCachedObjects() {
        startSyncedWith(cm("ns", "a", 5), cm("ns", "b", 6));
        Recorder late = new Recorder();

        informer.addEventHandler(late);
        server.session(0).send(MODIFIED, cm("ns", "a", 11), 11);

        await().until(() -> late.calls.size() == 3);
        assertThat(late.calls).containsExactly("add ns/a@5", "add ns/b@6", "update ns/a@5->11");
    }

    @Test
    void eventsOfAnAbandonedWatchAreIgnored() {
        startSyncedWith(cm("ns", "a", 5));
        server.session(0).end(ApiException.unavailable("connection reset"));
        await().until(() -> server.sessions().size() == 2);

        server.session(0).send(ADDED, cm("ns", "stale", 11), 11);
        server.session(1).send(ADDED, cm("ns", "fresh", 12), 12);

        await().until(() -> recorder.calls.size() == 2);
        assertThat(recorder.calls).containsExactly("add ns/a@5", "add ns/fresh@12");
    }

    @Test
    void stopClosesTheWatchAndEndsDispatch() {
        startSyncedWith(cm("ns", "a", 5));

        informer.stop();

        await().until(() -> server.session(0).closed().get());
        server.session(0).send(ADDED, cm("ns", "b", 11), 11);
        assertThat(recorder.calls).containsExactly("add ns/a@5");
        assertThat(server.sessions()).hasSize(1);
    }
}
