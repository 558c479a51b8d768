package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.Pod;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.client.workqueue.WorkQueue;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link PodSyncer}s of one or more nodes (one for a kubelet; many for hollow nodes)
 * from one work queue. A pod is synced when its API object changes, when the runtime reports
 * its containers changed, when a back-off ends, and every {@code resync} (which also finds
 * containers whose pod is gone). The queue never hands one pod to two workers at once.
 *
 * <p>Keys are {@code node|namespace/name}. Start once, after the pod informer has synced, so
 * that a restarted kubelet never mistakes its running containers for orphans; close to stop.
 */
public final class PodWorkers implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);

    private final Indexer<Pod> pods;
    private final ContainerRuntime runtime;
    private final Map<String, PodSyncer> syncers = new ConcurrentHashMap<>();
    private final WorkQueue<String> queue = WorkQueue.create("pod-workers");
    private final List<Thread> threads = new ArrayList<>();
    private final List<Closeable> watches = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final Duration resync;
    private ScheduledFuture<?> resyncs;

    public PodWorkers(SharedInformer<Pod> informer, ContainerRuntime runtime, ScheduledExecutorService timer, Duration resync) {
        this.pods = informer.indexer();
        this.runtime = runtime;
        this.timer = timer;
        this.resync = resync;
        informer.addEventHandler(ResourceEventHandler.onChange(this::enqueue));
    }

    /** Adds a node to serve; call before {@link #start}. */
    public PodWorkers add(PodSyncer syncer) {
        syncers.put(syncer.node(), syncer);
        return this;
    }

    /** Starts {@code workers} threads, the runtime's event watch and the periodic resync. */
    public synchronized void start(int workers) {
        for (String node : syncers.keySet()) {
            watches.add(runtime.watchEvents(node, ref -> queue.add(node + "|" + ref.key())));
        }
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "pod-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        resyncs = timer.scheduleWithFixedDelay(this::resyncAll, 0, resync.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a sync of {@code pod} on {@code node} (e.g. a probe result changed). */
    public void enqueue(String node, PodRef pod) {
        queue.add(node + "|" + pod.key());
    }

    private void enqueue(Pod pod) {
        String node = pod.spec().nodeName();
        if (node != null && syncers.containsKey(node)) {
            queue.add(node + "|" + Keys.of(pod));
        }
    }

    /** Every pod of every node, and every pod name the runtime still has containers of. */
    private void resyncAll() {
        try {
            pods.list().forEach(this::enqueue); // one pass, not one per node: hollow nodes are many
            for (String node : syncers.keySet()) {
                runtime.list(node).stream().map(RuntimeContainer::pod).distinct()
                        .forEach(ref -> queue.add(node + "|" + ref.key()));
            }
        } catch (RuntimeException e) {
            LOG.warn("resync: cannot list the runtime's containers: {}", e.getMessage());
        }
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return; // shut down
            }
            try {
                process(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void process(String key) {
        int bar = key.indexOf('|');
        String node = key.substring(0, bar);
        String podKey = key.substring(bar + 1);
        try {
            Pod pod = pods.get(podKey).orElse(null);
            Optional<Duration> again = syncers.get(node).sync(Keys.namespace(podKey), Keys.name(podKey), pod);
            queue.forget(key);
            again.ifPresent(d -> queue.addAfter(key, d));
        } catch (RuntimeException e) {
            LOG.warn("{}: sync on node {} failed, will retry: {}", podKey, node, e.toString());
            queue.addRateLimited(key);
        }
    }

    /** Stops the workers (a sync in progress finishes); leaves every container as it is. */
    @Override
    public synchronized void close() {
        queue.shutDown();
        if (resyncs != null) {
            resyncs.cancel(false);
        }
        for (Closeable w : watches) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.debug("closing a runtime event watch: {}", e.toString());
            }
        }
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000); // a sync in flight must not outlive the runtime it calls
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
