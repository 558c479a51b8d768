package dev.jk8s.controllermanager.podgc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ApiReader;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.testkit.ManualClock;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PodGcControllerTest {

    final Indexer<Pod> pods = new Indexer<>();
    final Indexer<Node> nodes = new Indexer<>();
    final Set<String> nodesInTheApi = ConcurrentHashMap.newKeySet(); // what an uncached read finds
    final FakeApiWriter api = new FakeApiWriter();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    final PodGcController controller = new PodGcController(pods, nodes, new ApiReader() {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends ApiObject> Optional<T> get(Kind<T> kind, String namespace, String name) {
            return nodesInTheApi.contains(name) ? Optional.of((T) TestObjects.of(Kinds.NODE, name)) : Optional.empty();
        }

        @Override
        public <T extends ApiObject> List<T> list(Kind<T> kind, String namespace) {
            return List.of();
        }
    }, api, clock, new ControllerMetrics(), 1);

    static Pod pod(String name, String node) {
        return (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: default, uid: u-"
                + name + "}\nspec:\n" + (node == null ? "" : "  nodeName: " + node + "\n")
                + "  containers: [{name: app, image: jk8s/http:1.0}]\n");
    }

    static Pod deleting(Pod p) {
        return p.withMetadata(p.metadata().toBuilder().deletionTimestamp(Instant.parse("2026-12-05T09:00:00Z")).build());
    }

    @Test
    void aPodOfADeletedNodeIsForceDeletedAfterTheQuarantine() {
        pods.put(pod("web", "gone"));

        assertThat(controller.sync("default/web")).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(39));
        assertThat(controller.sync("default/web")).contains(Duration.ofSeconds(1));
        assertThat(api.actions).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(controller.sync("default/web")).isEmpty();
        assertThat(api.actions).containsExactly("delete pods default/web");
    }

    @Test
    void aNodeTheCacheHasNotSeenYetButTheApiHasIsNotAnOrphansNode() {
        pods.put(pod("web", "new-node"));
        nodesInTheApi.add("new-node");

        clock.advance(Duration.ofMinutes(5));

        assertThat(controller.sync("default/web")).isEmpty();
        assertThat(api.actions).isEmpty();
    }

    @Test
    void podsOfLiveNodesAndPendingPodsAreKept() {
        nodes.put(TestObjects.of(Kinds.NODE, "node-1"));
        pods.put(pod("bound", "node-1"));
        pods.put(pod("pending", null));

        assertThat(controller.sync("default/bound")).isEmpty();
        assertThat(controller.sync("default/pending")).isEmpty();
        assertThat(api.actions).isEmpty();
    }

    @Test
    void aPodBeingDeletedThatWasNeverBoundGoesAtOnce() {
        pods.put(deleting(pod("pending", null)));

        controller.sync("default/pending");

        assertThat(api.actions).containsExactly("delete pods default/pending");
    }

    @Test
    void aNodeThatComesBackEndsTheQuarantine() {
        pods.put(pod("web", "flaky"));
        controller.sync("default/web");
        clock.advance(Duration.ofSeconds(30));
        nodes.put(TestObjects.of(Kinds.NODE, "flaky"));
        controller.sync("default/web");
        nodes.remove("flaky");

        clock.advance(Duration.ofSeconds(30));

        assertThat(controller.sync("default/web")).contains(Duration.ofSeconds(40)); // a new quarantine, from now
        assertThat(api.actions).isEmpty();
    }
}
