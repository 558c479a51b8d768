package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchOptions;
import dev.jk8s.testkit.TestObjects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many watchers cost one etcd watch; big lists page under gRPC's message limit. */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class FanOutIT {

    static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void twoHundredWatchersShareOneEtcdWatchAndEachGetsEveryEvent() throws Exception {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        List<Recorder<ConfigMap>> recorders = new ArrayList<>();
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Recorder<ConfigMap> r = new Recorder<>();
            recorders.add(r);
            watches.add(cms.watch("fanout", WatchOptions.DEFAULT, r));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.apiserver().metrics().clientWatchCount("configmaps") >= 200);
        cluster.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, "fanout"));
        for (int i = 0; i < 20; i++) {
            cms.create(TestObjects.of(Kinds.CONFIG_MAP, "fanout", "f-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> recorders.stream().allMatch(r -> r.events.size() == 20));
        assertThat(metrics()).contains("apiserver_etcd_watches{resource=\"configmaps\"} 1.0")
                .containsPattern("apiserver_watchers\\{resource=\"configmaps\"} 2\\d\\d\\.0");
        watches.forEach(Watch::close);
    }

    @Test
    void aListOfThirtyThousandObjectsCompletes() throws Exception {
        cluster.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, "big"));
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = thread; i < 30_000; i += 16) {
                    cms.create(TestObjects.of(Kinds.CONFIG_MAP, "big", "item-" + i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        ObjectList<ConfigMap> all = cms.list("big", ListOptions.DEFAULT);
        assertThat(all.items()).hasSize(30_000);
        assertThat(all.items()).extracting(c -> c.metadata().name()).doesNotHaveDuplicates();
        assertThat(cms.list("big", ListOptions.DEFAULT.withLimit(10_000)).items()).hasSize(30_000);
    }

    private String metrics() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.apiserver().httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
