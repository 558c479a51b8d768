package dev.jk8s.kubelet.hollow;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.Threads;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.kubelet.Kubelet;
import dev.jk8s.kubelet.node.NodeAgent;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.pod.PodApi;
import dev.jk8s.kubelet.pod.PodSyncer;
import dev.jk8s.kubelet.pod.PodVolumes;
import dev.jk8s.kubelet.pod.PodWorkers;
import dev.jk8s.kubelet.pod.ProbeResults;
import dev.jk8s.kubelet.runtime.FakeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Many simulated nodes in one process, for the control plane's scale tests and benchmarks: each
 * registers its Node, renews its Lease and runs the pods bound to it, all through the real
 * kubelet code (node agent, pod syncer, workers) over one {@link FakeRuntime}, so its pods
 * report Running at once without Docker. They share one connection, one pod informer (every
 * bound pod) and a few threads. Events are not recorded (5,000 pods would mean 10,000 events).
 */
public final class HollowNodes implements AutoCloseable {

    private final List<AutoCloseable> parts;
    private final List<String> names;

    private HollowNodes(List<AutoCloseable> parts, List<String> names) {
        this.parts = parts;
        this.names = names;
    }

    /**
     * Starts {@code count} nodes named {@code prefix1 .. prefixN}, each as {@code template} says
     * (name aside); returns once their pods are known and their workers run.
     */
    public static HollowNodes start(ApiClient client, int count, String prefix, NodeConfig template, Path rootDir,
                                    int workers) {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(4, Threads.daemon("hollow-timer"));
        FakeRuntime runtime = new FakeRuntime(template.clock()).allImagesPresent();
        SharedInformer<Pod> pods = new SharedInformer<>(client.resource(Kinds.POD), null, ListOptions.fields("spec.nodeName!="));
        PodWorkers podWorkers = new PodWorkers(pods, runtime, timer, Duration.ofSeconds(30));
        PodApi api = PodApi.of(client, template.clock()).withoutEvents();
        // Closed newest first: the workers, then the agents, the API, the informer, the timer.
        List<AutoCloseable> parts = new ArrayList<>(List.<AutoCloseable>of(timer::shutdownNow, pods::stop, api));
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            NodeConfig node = template.withName(prefix + i);
            NodeAgent agent = new NodeAgent(client, runtime, node, timer);
            agent.start();
            parts.add(agent);
            names.add(node.nodeName());
            podWorkers.add(new PodSyncer(new PodSyncer.Config(node.nodeName(), node.address(), "jk8s/pause:1.0",
                    Duration.ofSeconds(10), Duration.ofSeconds(300), false), runtime, api, ProbeResults.NONE,
                    new PodVolumes(rootDir.resolve(node.nodeName()), api), Runnable::run,
                    ref -> podWorkers.enqueue(node.nodeName(), ref), template.clock(),
                    // stops run on the pod workers here: a sleep hook must not hold one
                    sleep -> { }));
        }
        parts.add(podWorkers);
        pods.start();
        HollowNodes nodes = new HollowNodes(parts, names);
        if (!pods.awaitSynced(Duration.ofSeconds(60))) {
            nodes.close();
            throw new IllegalStateException("hollow nodes: cannot list pods from the apiserver at " + client.target());
        }
        podWorkers.start(workers);
        return nodes;
    }

    public List<String> names() {
        return names;
    }

    /** Stops every node (their Nodes and Leases stay, and go stale, as a real node's would). */
    @Override
    public void close() {
        Kubelet.closeAll(parts, "hollow nodes");
    }
}
