package dev.jk8s.kubelet;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.kubelet.logs.KubeletServer;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
     */
    public record Options(NodeConfig node, int port, Path rootDir, String sandboxImage, Duration backoffInitial,
                          Duration backoffMax, int workers, Duration resync, boolean remotePulls) {

        /** Kubernetes' defaults: port 10250, back-off 10 s to 300 s, 4 workers, resync 10 s; pulls from this host only. */
        public static Options defaults(NodeConfig node, Path rootDir) {
            return new Options(node, 10250, rootDir, "jk8s/pause:1.0", Duration.ofSeconds(10), Duration.ofSeconds(300), 4,
                    Duration.ofSeconds(10), false);
        }

        public Options withRemotePulls(boolean value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, workers, resync, value);
        }

        public Options withPort(int value) {
            return new Options(node, value, rootDir, sandboxImage, backoffInitial, backoffMax, workers, resync, remotePulls);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(node, port, rootDir, sandboxImage, initial, max, workers, resync, remotePulls);
        }

        public Options withWorkers(int value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, value, resync, remotePulls);
        }

        public Options withSandboxImage(String value) {
            return new Options(node, port, rootDir, value, backoffInitial, backoffMax, workers, resync, remotePulls);
        }

        public Options withResync(Duration value) {
            return new Options(node, port, rootDir, sandboxImage, backoffInitial, backoffMax, workers, value, remotePulls);
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
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("kubelet-timer-" + node));
        ExecutorService blocking = Executors.newCachedThreadPool(daemon("kubelet-io-" + node));
        KubeletServer server = KubeletServer.start(o.node().address(), o.port(), node, runtime);
        NodeAgent agent = new NodeAgent(client, runtime, o.node().withEndpoint(o.node().address(), server.port()), timer);
        agent.start();
        SharedInformer<Pod> pods = new SharedInformer<>(client.resource(Kinds.POD), null,
                ListOptions.fields("spec.nodeName=" + node));
        PodWorkers workers = new PodWorkers(pods, runtime, timer, o.resync());
        ProbeManager probes = new ProbeManager(runtime, timer, Executors.newFixedThreadPool(4, daemon("kubelet-probe-" + node)),
                clock, ref -> workers.enqueue(node, ref));
        PodApi api = PodApi.of(client, clock);
        workers.add(new PodSyncer(new PodSyncer.Config(node, o.node().address(), o.sandboxImage(), o.backoffInitial(),
                o.backoffMax(), o.remotePulls()), runtime, api, probeResults(probes), new PodVolumes(o.rootDir(), api), blocking, clock));
        pods.start();
        Kubelet kubelet = new Kubelet(List.of(workers, probes, pods::stop, agent, server, timer::shutdownNow,
                blocking::shutdownNow), agent, server);
        if (!pods.awaitSynced(Duration.ofSeconds(60))) {
            kubelet.close();
            throw new IllegalStateException("node " + node + ": cannot list its pods from the apiserver at "
                    + client.target() + " within 60 s");
        }
        // Only now: a worker that ran before the list would take running containers for orphans.
        workers.start(o.workers());
        return kubelet;
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

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the kubelet (its containers keep running). */
    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Kubelet.class).warn("node {}: stopping {}: {}", nodeName(), part, e.toString());
            }
        }
    }
}
