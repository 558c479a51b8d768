package dev.jk8s.controllermanager.endpoints;

import static dev.jk8s.controllermanager.endpoints.EndpointsPlanTest.address;
import static dev.jk8s.controllermanager.endpoints.EndpointsPlanTest.http;
import static dev.jk8s.controllermanager.endpoints.EndpointsPlanTest.pod;
import static dev.jk8s.controllermanager.endpoints.EndpointsPlanTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsControllerTest {

    final Indexer<Service> services = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final Indexer<Endpoints> endpoints = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final EndpointsController controller = new EndpointsController(services, pods, endpoints, api, new ControllerMetrics(), 1);

    /** What the controller wrote last, put in the cache as the informer would. */
    Endpoints cacheLastWritten() {
        Endpoints ep = (Endpoints) api.written.get(api.written.size() - 1);
        endpoints.put(ep);
        return ep;
    }

    @Test
    void createsTheMissingEndpointsWithTheSelectedPodsAndTheServicesLabels() {
        services.put(service("http"));
        pods.put(pod("a", "10.0.0.1", true, 8080));
        pods.put(pod("b", "10.0.0.2", false, 8080));

        controller.sync("default/web");

        assertThat(api.actions).containsExactly("create endpoints default/web");
        Endpoints ep = (Endpoints) api.written.get(0);
        assertThat(ep.metadata().labels()).isEqualTo(Map.of("tier", "front"));
        assertThat(ep.subsets()).containsExactly(new EndpointSubset(List.of(address("a", "10.0.0.1")),
                List.of(address("b", "10.0.0.2")), List.of(http(8080))));
    }

    @Test
    void writesNothingWhenTheEndpointsAreAlreadyRight() {
        services.put(service("http"));
        pods.put(pod("b", "10.0.0.2", true, 8080));
        pods.put(pod("a", "10.0.0.1", true, 8080));
        controller.sync("default/web");
        cacheLastWritten();

        controller.sync("default/web");
        controller.sync("default/web");

        assertThat(api.actions).containsExactly("create endpoints default/web");
    }

    @Test
    void updatesTheCachedVersionWhenPodsOrLabelsChange() {
        services.put(service("http"));
        pods.put(pod("a", "10.0.0.1", true, 8080));
        controller.sync("default/web");
        Endpoints first = cacheLastWritten();

        pods.put(pod("a", "10.0.0.1", false, 8080)); // no longer ready
        pods.put(pod("c", "10.0.0.3", true, 8080));
        controller.sync("default/web");

        assertThat(api.actions).containsExactly("create endpoints default/web", "update endpoints default/web");
        Endpoints updated = cacheLastWritten();
        assertThat(updated.metadata().resourceVersion()).isEqualTo(first.metadata().resourceVersion()); // compare-and-swap
        assertThat(updated.metadata().uid()).isEqualTo(first.metadata().uid());
        assertThat(updated.subsets()).containsExactly(new EndpointSubset(List.of(address("c", "10.0.0.3")),
                List.of(address("a", "10.0.0.1")), List.of(http(8080))));

        Service relabelled = service("http");
        services.put(relabelled.withMetadata(relabelled.metadata().toBuilder().labels(Map.of("tier", "back")).build()));
        controller.sync("default/web");
        assertThat(api.actions).hasSize(3).last().isEqualTo("update endpoints default/web");
        assertThat(cacheLastWritten().metadata().labels()).isEqualTo(Map.of("tier", "back"));
    }

    @Test
    void aServiceWithoutPodsGetsEmptyEndpointsAndLosingThePodsEmptiesThem() {
        services.put(service("8080"));
        controller.sync("default/web");
        assertThat(cacheLastWritten().subsets()).isEmpty();

        pods.put(pod("a", "10.0.0.1", true, 8080));
        controller.sync("default/web");
        assertThat(cacheLastWritten().subsets()).hasSize(1);

        pods.remove("default/a");
        controller.sync("default/web");
        assertThat(cacheLastWritten().subsets()).isEmpty();
        assertThat(api.actions).containsExactly("create endpoints default/web", "update endpoints default/web",
                "update endpoints default/web");
    }

    @Test
    void leavesTheEndpointsOfAServiceWithoutSelectorAlone() {
        Service svc = service("8080");
        services.put(svc.withSpec(svc.spec().toBuilder().selector(Map.of()).build()));
        endpoints.put(new Endpoints(ObjectMeta.named("default", "web"), List.of(new EndpointSubset(
                List.of(EndpointAddress.of("192.168.1.5")), List.of(), List.of(http(5432))))));
        pods.put(pod("a", "10.0.0.1", true, 8080));

        controller.sync("default/web");

        assertThat(api.actions).isEmpty();
    }

    @Test
    void deletesTheEndpointsWhenTheServiceIsGoneAndNotFoundIsFine() {
        endpoints.put(new Endpoints(ObjectMeta.named("default", "web"), List.of()));

        controller.sync("default/web");
        assertThat(api.actions).containsExactly("delete endpoints default/web");

        api.failing(a -> ApiException.notFound("endpoints", "web"));
        controller.sync("default/web"); // does not throw
    }

    @Test
    void aWriteThatLostARaceWithTheCacheWaitsForTheEventOtherFailuresAreRetried() {
        services.put(service("8080"));
        pods.put(pod("a", "10.0.0.1", true, 8080));
        api.failing(a -> ApiException.alreadyExists("endpoints", "web"));
        controller.sync("default/web"); // does not throw: the Endpoints' add event brings the key back

        endpoints.put(new Endpoints(ObjectMeta.builder().namespace("default").name("web").resourceVersion("1").build(), List.of()));
        api.failing(a -> ApiException.conflict("endpoints", "web"));
        controller.sync("default/web");

        api.failing(a -> ApiException.unavailable("etcd is down"));
        assertThatThrownBy(() -> controller.sync("default/web")).isInstanceOf(ApiException.class);
    }

    @Test
    void aPodUpdateWakesTheServicesThatSelectItBeforeOrAfterTheChange() {
        services.put(service("8080"));
        Service other = service("8080");
        services.put(other.withMetadata(other.metadata().toBuilder().name("db").build())
                .withSpec(other.spec().toBuilder().selector(Map.of("app", "db")).build()));
        services.put(other.withMetadata(other.metadata().toBuilder().name("cache").build())
                .withSpec(other.spec().toBuilder().selector(Map.of("app", "cache")).build()));
        Pod web = pod("a", "10.0.0.1", true, 8080);
        Pod db = web.withMetadata(web.metadata().toBuilder().labels(Map.of("app", "db")).build());

        assertThat(controller.servicesToWake(web, db)).containsExactly("default/db", "default/web");
        assertThat(controller.servicesToWake(web, pod("a", "10.0.0.1", false, 8080))).containsExactly("default/web");
        assertThat(controller.servicesToWake(web, web.withStatus(web.status().withPhase("Running")))).isEmpty();
    }
}
