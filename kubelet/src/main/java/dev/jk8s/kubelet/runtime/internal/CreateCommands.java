package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.jk8s.kubelet.runtime.ContainerSpec;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.Mount;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.SandboxSpec;
import dev.jk8s.kubelet.runtime.SandboxSpec.PortMapping;
import java.util.List;
import java.util.Locale;

/**
 * Turns the runtime's specs into docker create commands. Every container runs under Docker's
 * init, so that a PID 1 without a SIGTERM handler (busybox httpd, sleep) still stops on
 * {@code docker stop} instead of waiting out the grace period. Stateless.
 */
final class CreateCommands {

    private static final String LOOPBACK = "127.0.0.1";

    private CreateCommands() {
    }

    static CreateContainerCmd sandbox(DockerClient docker, SandboxSpec spec) {
        // shareable: the pod's containers join its IPC namespace as well as its network
        HostConfig host = HostConfig.newHostConfig().withInit(true).withIpcMode("shareable");
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image())
                .withLabels(Labels.of(spec.node(), spec.pod(), Labels.SANDBOX_NAME, 0));
        if (spec.hostNetwork()) {
            // docker refuses a hostname with host networking: the pod has the node's
            return cmd.withHostConfig(host.withNetworkMode("host"));
        }
        List<PortBinding> ports = spec.hostPorts().stream().map(CreateCommands::binding).toList();
        return cmd.withHostName(spec.hostname())
                .withExposedPorts(ports.stream().map(PortBinding::getExposedPort).toList())
                .withHostConfig(host.withNetworkMode("bridge").withPortBindings(ports));
    }

    static CreateContainerCmd container(DockerClient docker, ContainerSpec spec) {
        String sandbox = "container:" + spec.sandboxId();
        HostConfig host = HostConfig.newHostConfig().withInit(true).withNetworkMode(sandbox).withIpcMode(sandbox)
                .withBinds(spec.mounts().stream().map(CreateCommands::bind).toList());
        if (spec.nanoCpus() > 0) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes());
            host.withMemorySwap(spec.memoryBytes()); // no swap beyond the limit, as Kubernetes runs containers
        }
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image()).withHostConfig(host).withEnv(spec.env())
                .withLabels(Labels.of(spec.node(), spec.pod(), spec.name(), spec.attempt()));
        // Kubernetes: an empty command or args keeps the image's; docker drops the image's CMD
        // when the entrypoint is replaced, as Kubernetes does
        if (!spec.command().isEmpty()) {
            cmd.withEntrypoint(spec.command());
        }
        if (!spec.args().isEmpty()) {
            cmd.withCmd(spec.args());
        }
        if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            cmd.withWorkingDir(spec.workingDir());
        }
        return cmd;
    }

    /** {@code jk8s_<node>_<namespace>_<pod>_<uid, 8 characters>_<container>}: unique per pod instance. */
    static String name(String node, PodRef pod, String container) {
        String uid = pod.uid().length() > 8 ? pod.uid().substring(0, 8) : pod.uid();
        return String.join("_", "jk8s", node, pod.namespace(), pod.name(), uid, container);
    }

    static String sandboxName(SandboxSpec spec) {
        return name(spec.node(), spec.pod(), Labels.SANDBOX_NAME);
    }

    static String containerName(ContainerSpec spec) {
        return name(spec.node(), spec.pod(), spec.name() + "_" + spec.attempt());
    }

    private static PortBinding binding(PortMapping port) {
        String protocol = port.protocol() == null ? "tcp" : port.protocol().toLowerCase(Locale.ROOT);
        ExposedPort exposed = new ExposedPort(port.containerPort(), InternetProtocol.parse(protocol));
        return new PortBinding(Ports.Binding.bindIpAndPort(LOOPBACK, port.hostPort()), exposed);
    }

    private static Bind bind(Mount mount) {
        return new Bind(mount.hostPath(), new Volume(mount.containerPath()),
                mount.readOnly() ? AccessMode.ro : AccessMode.rw);
    }
}
