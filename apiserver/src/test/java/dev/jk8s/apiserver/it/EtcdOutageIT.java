package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchOptions;
import dev.jk8s.testkit.TestObjects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** etcd going away makes the apiserver answer Unavailable naming etcd; it recovers by itself. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EtcdOutageIT {

    Cluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = Cluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void etcdDownIsUnavailableAndServedAgainAfterEtcdReturns() throws Exception {
        ResourceClient<ConfigMap> cms = cluster.resource(Kinds.CONFIG_MAP);
        long before = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "before")).metadata().revision();
        Recorder<ConfigMap> open = new Recorder<>();
        Watch watch = cms.watch("default", WatchOptions.DEFAULT.withResourceVersion(before), open);

        cluster.etcd.stopProcess();
        assertThatThrownBy(() -> cms.create(TestObjects.of(Kinds.CONFIG_MAP, "during")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("etcd at " + cluster.etcd.endpoint() + " is unreachable");
        await().atMost(Duration.ofSeconds(20)).until(() -> readyz() == 503);

        cluster.etcd.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> cms.get("default", "before").metadata().name().equals("before"));
        long after = cms.create(TestObjects.of(Kinds.CONFIG_MAP, "after")).metadata().revision();
        await().atMost(Duration.ofSeconds(20)).until(() -> readyz() == 200);

        // the watch opened before the outage is still served, from one etcd watch per resource
        await().atMost(Duration.ofSeconds(20)).until(() -> open.lastRevision() >= after);
        assertThat(open.events).extracting(e -> e.object().metadata().name()).contains("after").doesNotHaveDuplicates();
        assertThat(cluster.apiserver().metrics().etcdWatchCount("configmaps")).isEqualTo(1.0);
        watch.close();
    }

    private int readyz() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.apiserver().httpPort() + "/readyz"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
