package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Quantity;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.controllermanager.ControllerManager;
import dev.jk8s.controllermanager.controller.ControllerOptions;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.scheduler.Scheduler;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import dev.jk8s.testkit.EtcdServer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A whole control plane in this JVM for the controllers' tests: a private etcd, an apiserver on
 * free ports, {@code nodes} hollow nodes (4 cpu, 8Gi, 110 pods), the scheduler and a
 * controller-manager running the named controllers. {@link #close} stops all of it, last started
 * first.
 */
final class ControlPlane implements AutoCloseable {

    final EtcdServer etcd;
    final ApiServer apiserver;
    final ApiClient client;
    final HollowNodes nodes;
    final Scheduler scheduler;
    final ControllerManager controllers;

    ControlPlane(int nodes, String... controllers) throws Exception {
        this(nodes, ControllerOptions.DEFAULT, controllers);
    }

    ControlPlane(int nodes, ControllerOptions options, String... controllers) throws Exception {
        this.etcd = new EtcdServer().start();
        this.apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
        this.client = ApiClient.connect("127.0.0.1:" + apiserver.port());
        NodeConfig template = NodeConfig.defaults("template").withResources(Quantity.parse("4"), Quantity.parse("8Gi"), 110);
        this.nodes = HollowNodes.start(client, nodes, "node-", template, Files.createTempDirectory("hollow"), 2);
        this.scheduler = new Scheduler(client, "default-scheduler", DefaultProfile.PROFILE, Clock.systemUTC(), 4);
        assertThat(scheduler.awaitSynced(Duration.ofSeconds(30))).isTrue();
        scheduler.start();
        this.controllers = new ControllerManager(client, List.of(controllers), 2, Clock.systemUTC(), options);
        assertThat(this.controllers.awaitSynced(Duration.ofSeconds(30))).isTrue();
        this.controllers.start();
    }

    /** Whether the apiserver no longer has the object (NotFound). */
    boolean gone(Kind<?> kind, String namespace, String name) {
        try {
            client.resource(kind).get(namespace, name);
            return false;
        } catch (ApiException e) {
            if (ApiException.isNotFound(e)) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        controllers.close();
        scheduler.close();
        nodes.close();
        client.close();
        apiserver.close();
        etcd.close();
    }
}
