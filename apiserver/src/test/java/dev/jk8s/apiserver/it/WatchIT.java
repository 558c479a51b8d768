package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchOptions;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watches: resume from a revision with no gap and no duplicate, across restarts; Expired after compaction. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WatchIT {

    Cluster cluster;
    ResourceClient<ConfigMap> cms;

    @BeforeEach
    void start() throws Exception {
        cluster = Cluster.start();
        cms = cluster.resource(Kinds.CONFIG_MAP);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void watcherFromRevisionSeesEveryLaterChangeOnceAndInOrder() {
        ConfigMap first = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "w0"));
        long r = first.metadata().revision();
        List<Long> written = writeSome(1, 20);

        Recorder<ConfigMap> rec = new Recorder<>();
        try (Watch w = cms.watch("default", WatchOptions.DEFAULT.withResourceVersion(r), rec)) {
            written.addAll(writeSome(21, 40));
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.events.size() >= written.size());
            assertThat(rec.events).extracting(WatchEvent::resourceVersion).containsExactlyElementsOf(written);
        }
    }

    @Test
    void watchResumesAcrossAnApiserverRestartWithoutGapOrDuplicate() throws Exception {
        long start = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "r0")).metadata().revision();
        Recorder<ConfigMap> before = new Recorder<>();
        Watch w = cms.watch("default", WatchOptions.DEFAULT.withResourceVersion(start), before);
        List<Long> written = writeSome(1, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> before.events.size() == 10);
        w.close();

        cluster.restartApiServer();
        written.addAll(writeSome(11, 20));
        Recorder<ConfigMap> after = new Recorder<>();
        try (Watch w2 = cms.watch("default", WatchOptions.DEFAULT.withResourceVersion(before.lastRevision()), after)) {
            written.addAll(writeSome(21, 25));
            await().atMost(Duration.ofSeconds(20)).until(() -> before.events.size() + after.events.size() >= written.size());
            List<Long> seen = new ArrayList<>();
            before.events.forEach(e -> seen.add(e.resourceVersion()));
            after.events.forEach(e -> seen.add(e.resourceVersion()));
            assertThat(seen).containsExactlyElementsOf(written);
        }
    }

    @Test
    void afterCompactionAWatchFromAnOldRevisionIsExpired() {
        long old = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "c0")).metadata().revision();
        Recorder<ConfigMap> caughtUp = new Recorder<>();
        try (Watch w = cms.watch("default", WatchOptions.DEFAULT.withResourceVersion(old), caughtUp)) {
            List<Long> written = writeSome(1, 5);
            // once a watcher has them, the apiserver's cache has them: compaction cannot overtake it
            await().atMost(Duration.ofSeconds(20)).until(() -> caughtUp.events.size() == 5);
            cluster.apiserver().compactor().compact(written.get(written.size() - 1));
        }

        Recorder<ConfigMap> rec = new Recorder<>();
        cms.watch("default", WatchOptions.DEFAULT.withResourceVersion(old), rec);
        await().atMost(Duration.ofSeconds(20)).until(() -> rec.closed);
        assertThat(rec.closedWith.get().reason()).isEqualTo(Reason.EXPIRED);
        assertThat(rec.closedWith.get()).hasMessageContaining("too old resource version: " + old);
    }

    @Test
    void deletionAndSelectorTransitionsAreReportedPerWatcher() {
        Recorder<ConfigMap> rec = new Recorder<>();
        try (Watch w = cms.watch("default", WatchOptions.DEFAULT.withLabelSelector("color=blue"), rec)) {
            ConfigMap cm = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "s0"));
            cm = cms.update(cm.withMetadata(cm.metadata().withLabels(Map.of("color", "blue"))));
            cm = cms.update(cm.withMetadata(cm.metadata().withLabels(Map.of("color", "red"))));
            cm = cms.update(cm.withMetadata(cm.metadata().withLabels(Map.of("color", "blue"))));
            cms.delete("default", "s0");
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.events.size() >= 4);
            assertThat(rec.events).extracting(WatchEvent::type).containsExactly(
                    WatchEvent.Type.ADDED, WatchEvent.Type.DELETED, WatchEvent.Type.ADDED, WatchEvent.Type.DELETED);
        }
    }

    private List<Long> writeSome(int from, int to) {
        List<Long> revisions = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            revisions.add(cms.create(TestObjects.of(Kinds.CONFIG_MAP, "cm-" + i)).metadata().revision());
        }
        return revisions;
    }
}
