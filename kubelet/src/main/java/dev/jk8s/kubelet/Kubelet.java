package dev.jk8s.kubelet;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.Threads;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.kubelet.logs.KubeletServer;
import dev.jk8s.kubelet.logs.ServingTls;
import dev.jk8s.kubelet.node.NodeAgent;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.pod.PodApi;
import dev.jk8s.kubelet.pod.PodSyncer;
import dev.jk8s.kubelet.pod.PodVolumes;
import dev.jk8s.kubelet.pod.PodWorkers;
import dev.jk8s.kubelet.pod.ProbeResults;
import dev.jk8s.kubelet.probe.ProbeManager;
import dev.jk8s.kubelet.probe.ProbeType;
import dev.jk8s.kubelet.probe.RunningContainer;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.PodRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.LoggerFactory;

/**
 * One node's kubelet, assembled: the log endpoint, the Node and its Lease ({@link NodeAgent}),
 * the informer of the pods bound to the node, the probes, and the pod workers that run those
 * pods through the runtime. Start it with {@link #start}; {@link #close} stops the kubelet and
 * leaves the containers running, so that a kubelet started again adopts them.
 */
public final class Kubelet implements AutoCloseable {

    /**
     * @param node           what the node registers as; its address is where the log endpoint listens
     * @param port           the log endpoint's port (0: any free one)
     * @param rootDir        where pods' volumes live on the host
     * @param sandboxImage   the local image of pod sandboxes
     * @param backoffInitial the first crash-loop (and image pull) back-off; doubles per restart
     * @param backoffMax     the longest back-off
     * @param workers        pods synced concurrently
     * @param resync         how often every pod is looked at though nothing changed
     * @param remotePulls    whether images may be pulled from registries off this host (default: no)
     * @param tls            the log endpoint's TLS; null (the default) serves plaintext
     */
    public record Options(NodeConfig node, int port, Path rootDir, String sandboxImage, Duration backoffInitial,
                          Duration backoffMax, int workers, Duration resync, boolean remotePulls, ServingTls tls) {

        /** Kubernetes' defaults: port 10250, back-off 10 s to 300 s, 8 workers, resync 10 s; pulls from this host only. */
        public static Options defaults(NodeConfig node, Path rootDir) {
            return new Options(node, 10250, rootDir, "jk8s/pause:1.0", Duration.ofSeconds(10), Duration.ofSeconds(300), 8,
                    Duration.ofSeconds(10), false, null);
        }

        public Options withRemotePulls(boolean value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, workers, resync, value, tls);
        }

        public Options withPort(int value) {
            return new Options(node, value, rootDir, sandboxImage, backoffInitial, backoffMax, workers, resync, remotePulls, tls);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(node, port, rootDir, sandboxImage, initial, max, workers, resync, remotePulls, tls);
        }

        public Options withWorkers(int value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, value, resync, remotePulls, tls);
        }

        public Options withSandboxImage(String value) {
            return new Options(node, port, rootDir, value, backoffInitial, backoffMax, workers, resync, remotePulls, tls);
        }

        public Options withTls(ServingTls value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, workers, resync, remotePulls, value);
        }

        public Options withResync(Duration value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, workers, value, remotePulls, tls);
        }
    }

    private final List<AutoCloseable> parts;
    private final NodeAgent agent;
    private final KubeletServer server;

    private Kubelet(List<AutoCloseable> parts, NodeAgent agent, KubeletServer server) {
        this.parts = parts;
        this.agent = agent;
        this.server = server;
    }

    /**
     * Starts the kubelet; returns once the pods bound to the node are known and their workers run.
     *
     * @throws IOException when the log endpoint cannot listen
     * @throws IllegalStateException when the pods cannot be listed from the apiserver within 60 s
     */
    public static Kubelet start(ApiClient client, ContainerRuntime runtime, Options o) throws IOException {
        String node = o.node().nodeName();
        Clock clock = o.node().clock();
        List<AutoCloseable> parts = new ArrayList<>(); // closed in reverse order of creation
        try {
            // The node's heartbeat has threads of its own: a hung runtime call elsewhere must not stop the Lease.
            ScheduledExecutorService nodeTimer = closing(parts, Executors.newScheduledThreadPool(2, Threads.daemon("kubelet-node-" + node)));
            ScheduledExecutorService timer = closing(parts, Executors.newScheduledThreadPool(2, Threads.daemon("kubelet-timer-" + node)));
            ExecutorService blocking = closing(parts, Executors.newCachedThreadPool(Threads.daemon("kubelet-io-" + node)));
            ExecutorService probing = closing(parts, Executors.newFixedThreadPool(4, Threads.daemon("kubelet-probe-" + node)));
            KubeletServer server = KubeletServer.start(o.node().address(), o.port(), node, runtime, o.tls());
            parts.add(server);
            NodeAgent agent = new NodeAgent(client, runtime, o.node().withEndpoint(o.node().address(), server.port()), nodeTimer);
            parts.add(agent);
            agent.start();
            SharedInformer<Pod> pods = new SharedInformer<>(client.resource(Kinds.POD), null,
                    ListOptions.fields("spec.nodeName=" + node));
            parts.add(pods::stop);
            PodWorkers workers = new PodWorkers(pods, runtime, timer, o.resync());
            ProbeManager probes = new ProbeManager(runtime, timer, probing, clock, ref -> workers.enqueue(node, ref));
            parts.add(probes);
            PodApi api = PodApi.of(client, clock);
            parts.add(api);
            workers.add(new PodSyncer(new PodSyncer.Config(node, o.node().address(), o.sandboxImage(), o.backoffInitial(),
                    o.backoffMax(), o.remotePulls()), runtime, api, probeResults(probes), new PodVolumes(o.rootDir(), api),
                    blocking, ref -> workers.enqueue(node, ref), clock));
            parts.add(workers);
            pods.start();
            if (!pods.awaitSynced(Duration.ofSeconds(60))) {
                throw new IllegalStateException("node " + node + ": cannot list its pods from the apiserver at "
                        + client.target() + " within 60 s");
            }
            // Only now: a worker that ran before the list would take running containers for orphans.
            workers.start(o.workers());
            return new Kubelet(parts, agent, server);
        } catch (IOException | RuntimeException e) {
            closeAll(parts, node);
            throw e;
        }
    }

    private static <T extends ExecutorService> T closing(List<AutoCloseable> parts, T executor) {
        parts.add(executor::shutdownNow);
        return executor;
    }

    /** The port the log endpoint listens on. */
    public int port() {
        return server.port();
    }

    public String nodeName() {
        return agent.config().nodeName();
    }

    private static ProbeResults probeResults(ProbeManager probes) {
        return new ProbeResults() {
            @Override
            public void sync(PodRef pod, String podIp, List<RunningContainer> running) {
                probes.sync(pod, podIp, running);
            }

            @Override
            public void forget(PodRef pod) {
                probes.forget(pod);
            }

            @Override
            public boolean ready(String containerId) {
                return probes.ready(containerId);
            }

            @Override
            public boolean livenessFailed(String containerId) {
                return probes.livenessFailed(containerId);
            }

            @Override
            public Optional<String> failure(String containerId) {
                for (ProbeType type : List.of(ProbeType.LIVENESS, ProbeType.STARTUP, ProbeType.READINESS)) {
                    Optional<String> message = probes.lastFailure(containerId, type);
                    if (message.isPresent() && (type == ProbeType.READINESS ? !probes.ready(containerId)
                            : probes.livenessFailed(containerId))) {
                        return message;
                    }
                }
                return Optional.empty();
            }
        };
    }


    /** Stops the kubelet (its containers keep running). */
    @Override
    public void close() {
        closeAll(parts, nodeName());
    }

    /** Closes the parts, newest first; a failure is logged and the rest still closed. */
    public static void closeAll(List<AutoCloseable> parts, String owner) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Kubelet.class).warn("{}: stopping {}: {}", owner, parts.get(i), e.toString());
            }
        }
    }
}
