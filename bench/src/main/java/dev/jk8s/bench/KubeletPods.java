package dev.jk8s.bench;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.testkit.TestObjects;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The measured side: pods bound straight to the benchmark's node (no scheduler in the way),
 * created through the apiserver; a pod counts as started when an informer on the pods (list, then
 * watch) sees {@code status.phase=Running} with every container running. Thread-safe.
 */
final class KubeletPods implements PodStarter, AutoCloseable {

    private static final String NAMESPACE = "default";

    /** When the watch saw a pod running, on both clocks. */
    private record Seen(long nanos, long wall) {
    }

    private final ResourceClient<Pod> pods;
    private final String node;
    private final String runLabel;
    private final String image;
    private final Duration timeout;
    private final SharedInformer<Pod> informer;
    private final Map<String, CompletableFuture<Seen>> waiting = new ConcurrentHashMap<>();

    KubeletPods(ApiClient client, String node, String runLabel, String image, Duration timeout) {
        this.pods = client.resource(Kinds.POD);
        this.node = node;
        this.runLabel = runLabel;
        this.image = image;
        this.timeout = timeout;
        this.informer = new SharedInformer<>(pods, NAMESPACE, ListOptions.labels(runLabel));
        informer.addEventHandler(ResourceEventHandler.onChange(this::observe));
        informer.start();
        if (!informer.awaitSynced(Duration.ofSeconds(30))) {
            informer.stop();
            throw new IllegalStateException("cannot list pods from the apiserver at " + client.target() + " within 30 s");
        }
    }

    @Override
    public String label() {
        return "kubelet";
    }

    @Override
    public Sample start(String name) throws Exception {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        waiting.put(name, seen);
        long calledAt = PodStarter.wallNanos();
        long t0 = System.nanoTime();
        pods.create(pod(name));
        long acceptedAt = PodStarter.wallNanos();
        try {
            Seen s = seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Sample(name, s.nanos() - t0, calledAt, acceptedAt, s.wall());
        } catch (TimeoutException e) {
            throw new IllegalStateException("pod " + NAMESPACE + "/" + name + " did not run within " + timeout.toSeconds()
                    + " s; its status: " + informer.indexer().get(NAMESPACE + "/" + name).map(Pod::status).orElse(null));
        } finally {
            waiting.remove(name);
        }
    }

    private void observe(Pod pod) {
        CompletableFuture<Seen> seen = waiting.get(pod.metadata().name());
        if (seen != null && running(pod)) {
            seen.complete(new Seen(System.nanoTime(), PodStarter.wallNanos()));
        }
    }

    private static boolean running(Pod pod) {
        PodStatus s = pod.status();
        return s != null && PodStatus.RUNNING.equals(s.phase()) && !pod.metadata().isTerminating()
                && s.containerStatuses().size() == pod.spec().containers().size()
                && s.containerStatuses().stream().map(ContainerStatus::state).allMatch(st -> st != null && st.running() != null);
    }

    private Pod pod(String name) {
        int eq = runLabel.indexOf('=');
        return (Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  labels: {'%s': '%s'}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: '%s'
                    imagePullPolicy: IfNotPresent
                    command: [sleep, '3600']
                """.formatted(name, NAMESPACE, runLabel.substring(0, eq), runLabel.substring(eq + 1), node, image));
    }

    /** Deletes every pod of the run (grace 1 s), then waits until the pods and the node's containers are gone. */
    @Override
    public void removeAll() throws InterruptedException {
        for (Pod p : informer.indexer().list()) {
            try {
                pods.delete(NAMESPACE, p.metadata().name(), DeleteOptions.DEFAULT.withGracePeriod(1L));
            } catch (ApiException e) {
                if (e.reason() != Reason.NOT_FOUND) {
                    throw e;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!informer.indexer().list().isEmpty() || !DockerCli.idsLabelled(KubeletProcess.NODE_LABEL + "=" + node).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node + ": pods " + informer.indexer().list().size()
                        + " and their containers not gone " + timeout.toSeconds() + " s after their deletion");
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        informer.stop();
    }
}
