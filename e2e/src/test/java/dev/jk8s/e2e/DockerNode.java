package dev.jk8s.e2e;

import dev.jk8s.client.ApiClient;
import dev.jk8s.kubelet.Kubelet;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.internal.DockerRuntime;
import dev.jk8s.testkit.DockerHost;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

/**
 * A real node for the tests that need one: an in-process kubelet on this machine's Docker, named
 * {@code <prefix>-<random>}, with crash-loop back-off of 1 s up to 4 s. Fails (under CI) or skips
 * the test when Docker is missing. {@link #close} stops the kubelet and removes every container it
 * labelled, even after a failure.
 */
final class DockerNode implements AutoCloseable {

    final String name;
    private final DockerRuntime docker;
    private final Kubelet kubelet;

    DockerNode(ApiClient client, String prefix) throws Exception {
        DockerHost.require();
        this.name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.docker = DockerRuntime.connect();
        Kubelet started = null;
        try {
            started = Kubelet.start(client, docker, Kubelet.Options.defaults(NodeConfig.defaults(name),
                    Files.createTempDirectory(prefix)).withPort(0).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                    .withResync(Duration.ofSeconds(2)));
        } finally {
            if (started == null) {
                docker.close();
            }
        }
        this.kubelet = started;
    }

    @Override
    public void close() {
        kubelet.close();
        docker.close();
        DockerHost.removeLabelled(Labels.NODE, name);
    }
}
