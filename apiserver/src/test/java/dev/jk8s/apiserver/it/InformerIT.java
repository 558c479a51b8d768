package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.core.Event;
import dev.jk8s.client.events.EventRecorder;
import java.util.List;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.client.leaderelection.LeaderCallbacks;
import dev.jk8s.client.leaderelection.LeaderElectionConfig;
import dev.jk8s.client.leaderelection.LeaderElector;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client kit against a real apiserver: informers converge after expiry; leases elect one leader. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InformerIT {

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
    void informerRelistsAfterExpiryAndConvergesToAFreshList() throws Exception {
        for (int i = 0; i < 10; i++) {
            cms.create(TestObjects.of(Kinds.CONFIG_MAP, "inf-" + i));
        }
        SharedInformer<ConfigMap> informer = new SharedInformer<>(cms, "default", ListOptions.DEFAULT);
        AtomicInteger deletes = new AtomicInteger();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(ConfigMap last) {
                deletes.incrementAndGet();
            }
        });
        informer.start();
        assertThat(informer.awaitSynced(Duration.ofSeconds(20))).isTrue();
        long seen = informer.lastSyncResourceVersion();

        // while the informer's apiserver is down, another one changes things and compacts history past it
        cluster.stopApiServer();
        try (ApiServer other = cluster.startSecondApiServer();
             ApiClient otherClient = ApiClient.connect("127.0.0.1:" + other.port())) {
            ResourceClient<ConfigMap> c = otherClient.resource(Kinds.CONFIG_MAP);
            c.delete("default", "inf-0");
            c.delete("default", "inf-1");
            c.guaranteedUpdate("default", "inf-2", cm -> cm.withData(Map.of("changed", "yes")));
            c.create(TestObjects.of(Kinds.CONFIG_MAP, "inf-new"));
            long now = c.get("default", "inf-new").metadata().revision();
            other.compactor().compact(now);
            assertThat(now).isGreaterThan(seen);
        }
        cluster.restartApiServer();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(contents(informer.indexer().list())).isEqualTo(contents(cms.list("default").items())));
        assertThat(deletes.get()).isEqualTo(2);
        informer.stop();
    }

    @Test
    void twoCandidatesElectOneLeaderAndTheOtherTakesOverWhenItStops() {
        ResourceClient<Lease> leases = cluster.resource(Kinds.LEASE);
        LeaderElectionConfig base = LeaderElectionConfig.of("kube-system", "test-component", "a")
                .withTiming(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
        Flag a = new Flag();
        Flag b = new Flag();
        LeaderElector first = new LeaderElector(leases, base, a);
        first.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> a.leading);
        LeaderElector second = new LeaderElector(leases, new LeaderElectionConfig(base.namespace(), base.name(), "b",
                base.leaseDuration(), base.renewDeadline(), base.retryPeriod()), b);
        second.start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !b.leading);

        first.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.leading);
        assertThat(leases.get("kube-system", "test-component").spec().holderIdentity()).isEqualTo("b");
        second.stop();
    }

    @Test
    void theSameEventRecordedThreeTimesIsOneEventWithCountThree() {
        ConfigMap about = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "noisy"));
        ResourceClient<Event> events = cluster.resource(Kinds.EVENT);
        EventRecorder recorder = new EventRecorder(events, "test-controller", java.time.Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            recorder.warning(about, "BackOff", "restarting failed container");
        }
        recorder.normal(about, "Synced", "all good");
        List<Event> stored = events.list("default", ListOptions.fields("involvedObject.name=noisy")).items();
        assertThat(stored).extracting(Event::reason, Event::count)
                .containsExactlyInAnyOrder(tuple("BackOff", 3), tuple("Synced", 1));
        Event backOff = stored.stream().filter(e -> e.reason().equals("BackOff")).findFirst().orElseThrow();
        assertThat(backOff.lastTimestamp()).isAfterOrEqualTo(backOff.firstTimestamp());
        assertThat(backOff.involvedObject().uid()).isEqualTo(about.metadata().uid());
    }

    private static Map<String, String> contents(java.util.List<? extends ApiObject> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.metadata().name(), o -> o.metadata().resourceVersion(),
                (x, y) -> x, TreeMap::new));
    }

    /** Remembers whether the elector says we lead. */
    static final class Flag implements LeaderCallbacks {
        volatile boolean leading;

        @Override
        public void onStartedLeading() {
            leading = true;
        }

        @Override
        public void onStoppedLeading() {
            leading = false;
        }
    }
}
