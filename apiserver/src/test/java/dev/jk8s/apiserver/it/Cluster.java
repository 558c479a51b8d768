package dev.jk8s.apiserver.it;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.testkit.EtcdServer;
import java.io.IOException;
import java.time.Duration;

/**
 * A real etcd (child process) and an in-process apiserver in front of it, plus a client:
 * what every integration test here starts. The apiserver can be restarted on the same port,
 * and etcd stopped and started, to test recovery.
 */
final class Cluster implements AutoCloseable {

    final EtcdServer etcd;
    private ApiServer apiserver;
    private ApiClient client;
    private int port;

    private Cluster(EtcdServer etcd) {
        this.etcd = etcd;
    }

    static Cluster start() throws IOException {
        EtcdServer etcd = new EtcdServer();
        etcd.start();
        Cluster c = new Cluster(etcd);
        c.startApiServer();
        return c;
    }

    void startApiServer() throws IOException {
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(port, 0)
                .withCompactionInterval(Duration.ofHours(1)).withEtcdTimeout(Duration.ofSeconds(3)));
        port = apiserver.port();
        if (client == null) {
            client = ApiClient.connect("127.0.0.1:" + port, Duration.ofSeconds(20));
        }
    }

    /** A second apiserver on the same etcd, on a port of its own. */
    ApiServer startSecondApiServer() throws IOException {
        return ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
    }

    void stopApiServer() {
        apiserver.close();
    }

    void restartApiServer() throws IOException {
        apiserver.close();
        startApiServer();
    }

    ApiServer apiserver() {
        return apiserver;
    }

    ApiClient client() {
        return client;
    }

    <T extends ApiObject> ResourceClient<T> resource(Kind<T> kind) {
        return client.resource(kind);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (apiserver != null) {
            apiserver.close();
        }
        etcd.close();
    }
}
