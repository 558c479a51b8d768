package dev.jk8s.kubelet.node;

import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.testkit.EtcdServer;
import java.io.IOException;
import java.time.Duration;

/**
 * A real etcd (child process) and an in-process apiserver on free loopback ports, plus a client:
 * what the kubelet's integration tests run against.
 */
public final class ControlPlane implements AutoCloseable {

    private final EtcdServer etcd;
    private final ApiServer apiserver;
    private final ApiClient client;

    private ControlPlane(EtcdServer etcd, ApiServer apiserver, ApiClient client) {
        this.etcd = etcd;
        this.apiserver = apiserver;
        this.client = client;
    }

    public static ControlPlane start() throws IOException {
        EtcdServer etcd = new EtcdServer().start();
        try {
            ApiServer apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                    .withCompactionInterval(Duration.ofHours(1)).withEtcdTimeout(Duration.ofSeconds(3)));
            return new ControlPlane(etcd, apiserver, ApiClient.connect("127.0.0.1:" + apiserver.port(), Duration.ofSeconds(20)));
        } catch (IOException | RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    public ApiClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        apiserver.close();
        etcd.close();
    }
}
