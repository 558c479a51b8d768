package dev.jk8s.scheduler;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.Threads;
import dev.jk8s.client.events.BackgroundEvents;
import dev.jk8s.client.events.EventRecorder;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.client.workqueue.Backoff;
import dev.jk8s.client.workqueue.WorkQueue;
import dev.jk8s.scheduler.framework.FitError;
import dev.jk8s.scheduler.framework.Profile;
import dev.jk8s.scheduler.framework.ScheduleResult;
import dev.jk8s.scheduler.framework.SchedulingCycle;
import dev.jk8s.scheduler.framework.Snapshot;
import dev.jk8s.scheduler.internal.SchedulerCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds pending pods to nodes: one scheduling thread takes pods from the queue, runs the pure
 * {@link SchedulingCycle} over a snapshot of the {@link SchedulerCache} (the informers' nodes and
 * bound pods plus the pods it has just placed), and hands the binding to a pool, so the next pod is
 * scheduled while earlier ones are being bound. A binding sets {@code spec.nodeName} by
 * compare-and-swap; a conflict requeues the pod. A pod that fits nowhere gets PodScheduled=False
 * (reason Unschedulable, Kubernetes' message) and a FailedScheduling event, and is retried with
 * back-off (1 s doubling to 10 s) and at once on every cluster change that could make it fit (a
 * node added or changed, a bound pod deleted or finished).
 *
 * <p>Informers run from construction; the scheduling thread only between {@link #start} and
 * {@link #stop} (while this process leads). Thread-safe.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final String schedulerName;
    private final Profile profile;
    private final SharedInformer<Pod> pods;
    private final SharedInformer<Node> nodes;
    private final SharedInformer<Namespace> namespaces;
    private final ResourceClient<Pod> podClient;
    private final BackgroundEvents events;
    private final SchedulerCache cache;
    private final Clock clock;
    private final WorkQueue<String> queue = WorkQueue.create("scheduler", new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    /** Pods that last failed to fit: retried at once on a cluster change. */
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    private final ExecutorService binders;
    private final SchedulerMetrics metrics;
    /** When each pending pod first entered the queue (System.nanoTime), for the end-to-end latency. */
    private final Map<String, Long> queuedSince = new ConcurrentHashMap<>();
    private volatile Thread loop;
    /** Where the next cycle's search for feasible nodes begins (only one thread schedules). */
    private final AtomicInteger nextStart = new AtomicInteger();
    /** Counts the cluster changes that could make unschedulable pods fit (Kubernetes' moveRequestCycle). */
    private final AtomicLong moveRequests = new AtomicLong();

    public Scheduler(ApiClient client, String schedulerName, Profile profile, Clock clock, int binderThreads) {
        this.schedulerName = schedulerName;
        this.profile = profile;
        this.podClient = client.resource(Kinds.POD);
        // Events are written in the background, as kube-scheduler's are: a binding never waits for
        // its event. Four writers keep up with bursts of about 1,000 bindings/s before any is dropped.
        this.events = new BackgroundEvents(new EventRecorder(client.resource(Kinds.EVENT), schedulerName, clock), 4, 1000);
        this.cache = new SchedulerCache(clock, Duration.ofSeconds(30));
        this.clock = clock;
        this.pods = new SharedInformer<>(podClient, null, dev.jk8s.client.ListOptions.DEFAULT);
        this.nodes = new SharedInformer<>(client.resource(Kinds.NODE), null, dev.jk8s.client.ListOptions.DEFAULT);
        this.namespaces = new SharedInformer<>(client.resource(Kinds.NAMESPACE), null, dev.jk8s.client.ListOptions.DEFAULT);
        this.metrics = new SchedulerMetrics(queue::len, unschedulable::size, cache::assumedCount, events::dropped);
        this.binders = Executors.newFixedThreadPool(binderThreads, Threads.daemon("scheduler-bind"));
        pods.addEventHandler(podEvents());
        nodes.addEventHandler(nodeEvents());
        namespaces.addEventHandler(namespaceEvents());
        pods.start();
        nodes.start();
        namespaces.start();
    }

    /** Whether the informers have listed (the scheduler can decide). */
    public boolean awaitSynced(Duration timeout) {
        return pods.awaitSynced(timeout) && nodes.awaitSynced(timeout) && namespaces.awaitSynced(timeout);
    }

    /** Starts the scheduling thread (this process leads). */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        pods.indexer().list().stream().filter(this::isPending).forEach(this::enqueue);
        loop = new Thread(this::run, "scheduler");
        loop.setDaemon(true);
        loop.start();
        LOG.info("scheduler {}: scheduling", schedulerName);
    }

    /** Stops the scheduling thread (leadership lost or process stopping); binds in flight finish. */
    public synchronized void stop() {
        if (loop != null) {
            loop.interrupt();
            loop = null;
            LOG.info("scheduler {}: stopped scheduling", schedulerName);
        }
    }

    /** Stops everything. */
    @Override
    public void close() {
        stop();
        queue.shutDown();
        binders.shutdownNow();
        events.close();
        pods.stop();
        nodes.stop();
        namespaces.stop();
    }

    private ResourceEventHandler<Pod> podEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                cache.putPod(pod);
                if (isPending(pod)) {
                    enqueue(pod);
                }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                cache.putPod(pod);
                if (isPending(pod)) {
                    enqueue(pod); // e.g. its tolerations or selector changed
                } else if (isBound(pod) && !old.status().isTerminal() && pod.status().isTerminal()) {
                    retryUnschedulable(); // a finished pod frees its node's resources
                }
            }

            @Override
            public void onDelete(Pod pod) {
                unschedulable.remove(Keys.of(pod));
                queuedSince.remove(Keys.of(pod));
                cache.removePod(pod);
                if (isBound(pod)) {
                    retryUnschedulable();
                }
            }
        };
    }

    private ResourceEventHandler<Node> nodeEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.putNode(node);
                retryUnschedulable();
            }

            @Override
            public void onUpdate(Node old, Node node) {
                cache.putNode(node);
                if (mayFitMore(old, node)) {
                    retryUnschedulable();
                }
            }

            @Override
            public void onDelete(Node node) {
                cache.removeNode(node);
            }
        };
    }

    /** Namespace labels feed pod affinity's namespaceSelector: a change may make a pending pod fit. */
    private ResourceEventHandler<Namespace> namespaceEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                cache.putNamespace(ns.metadata().name(), ns.metadata().labels());
            }

            @Override
            public void onUpdate(Namespace old, Namespace ns) {
                cache.putNamespace(ns.metadata().name(), ns.metadata().labels());
                if (!old.metadata().labels().equals(ns.metadata().labels())) {
                    retryUnschedulable();
                }
            }

            @Override
            public void onDelete(Namespace ns) {
                cache.removeNamespace(ns.metadata().name());
            }
        };
    }

    /** Whether a node's change touches what filters read; a heartbeat alone does not. */
    private static boolean mayFitMore(Node old, Node node) {
        return !old.spec().equals(node.spec()) || !old.metadata().labels().equals(node.metadata().labels())
                || !old.status().allocatable().equals(node.status().allocatable())
                || !old.status().capacity().equals(node.status().capacity())
                || !conditionStatuses(old).equals(conditionStatuses(node));
    }

    private static Map<String, String> conditionStatuses(Node node) {
        Map<String, String> statuses = new HashMap<>();
        node.status().conditions().forEach(c -> statuses.put(c.type(), c.status()));
        return statuses;
    }

    private void retryUnschedulable() {
        moveRequests.incrementAndGet();
        unschedulable.forEach(queue::add);
    }

    private void enqueue(Pod pod) {
        queuedSince.putIfAbsent(Keys.of(pod), System.nanoTime());
        queue.add(Keys.of(pod));
    }

    private boolean isPending(Pod pod) {
        return !isBound(pod) && !pod.metadata().isTerminating() && schedulerName.equals(pod.spec().schedulerName());
    }

    private static boolean isBound(Pod pod) {
        return pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            String key;
            try {
                key = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                scheduleOne(key);
            } catch (ApiException e) {
                LOG.warn("{}: scheduling failed, will retry: {}", key, e.getMessage());
                metrics.decided(SchedulerMetrics.ERROR, 0);
                queue.addRateLimited(key);
            } catch (RuntimeException e) {
                LOG.error("{}: scheduling failed (a bug), will retry", key, e); // the trace is what a fix needs
                metrics.decided(SchedulerMetrics.ERROR, 0);
                queue.addRateLimited(key);
            } finally {
                queue.done(key);
            }
        }
    }

    /** One scheduling decision for the pod {@code key}, as the informer shows it now. */
    void scheduleOne(String key) {
        Pod pod = pods.indexer().get(key).orElse(null);
        if (pod == null || !isPending(pod)) {
            unschedulable.remove(key);
            queuedSince.remove(key);
            queue.forget(key);
            return;
        }
        long moves = moveRequests.get();
        long start = System.nanoTime();
        Snapshot snapshot = cache.snapshot();
        ScheduleResult result = SchedulingCycle.schedule(pod, snapshot, profile, nextStart.getAndAdd(1));
        metrics.decided(result instanceof ScheduleResult.Scheduled ? SchedulerMetrics.SCHEDULED : SchedulerMetrics.UNSCHEDULABLE,
                System.nanoTime() - start);
        if (result instanceof ScheduleResult.Scheduled s) {
            cache.assume(pod, s.nodeName());
            binders.execute(() -> bind(pod, s.nodeName()));
        } else {
            unschedulable(pod, (FitError) result, moves);
        }
    }

    private void bind(Pod pod, String node) {
        String key = Keys.of(pod);
        long start = System.nanoTime();
        try {
            // Compare-and-swap on the pod's resourceVersion; the verdicts of failed attempts go with it.
            podClient.update(pod.withMetadata(pod.metadata().withAnnotation(Pod.NODE_VERDICTS_ANNOTATION, null))
                    .withSpec(pod.spec().withNodeName(node)));
            long now = System.nanoTime();
            Long queued = queuedSince.remove(key);
            metrics.bound(now - start, now - (queued == null ? start : queued));
            unschedulable.remove(key);
            queue.forget(key);
            events.normal(pod, "Scheduled", "Successfully assigned " + key + " to " + node);
            LOG.debug("{}: bound to {}", key, node);
        } catch (ApiException e) {
            cache.forget(key);
            metrics.bindFailed(System.nanoTime() - start);
            LOG.info("{}: binding to {} failed, will retry: {}", key, node, e.getMessage());
            queue.addRateLimited(key);
        }
    }

    /** {@code moves}: {@link #moveRequests} before the snapshot that did not fit the pod. */
    private void unschedulable(Pod pod, FitError error, long moves) {
        String key = Keys.of(pod);
        String message = error.message();
        LOG.info("{}: unschedulable: {}", key, message);
        unschedulable.add(key);
        if (moveRequests.get() != moves) {
            queue.add(key); // the cluster changed while it was decided: the change may make it fit
        } else {
            queue.addRateLimited(key);
        }
        Condition scheduled = Condition.find(pod.status().conditions(), "PodScheduled").orElse(null);
        if (scheduled == null || scheduled.isTrue() || !message.equals(scheduled.message())) {
            events.warning(pod, "FailedScheduling", message);
            // No resourceVersion: nobody else writes the status of a pod that is not bound.
            record(key, () -> podClient.updateStatus(pod.withMetadata(pod.metadata().withResourceVersion(null))
                    .withStatus(withUnschedulable(pod.status(), message, clock.instant()))));
        }
        String verdicts = verdicts(error);
        if (!verdicts.equals(pod.metadata().annotations().get(Pod.NODE_VERDICTS_ANNOTATION))) {
            record(key, () -> podClient.guaranteedUpdate(pod.metadata().namespace(), pod.metadata().name(),
                    p -> p.withMetadata(p.metadata().withAnnotation(Pod.NODE_VERDICTS_ANNOTATION, verdicts))));
        }
    }

    /** Best effort: what fails here is written again by the next attempt. */
    private static void record(String key, Runnable write) {
        try {
            write.run();
        } catch (ApiException e) {
            LOG.warn("{}: recording why it is unschedulable failed (the next attempt tries again): {}", key, e.getMessage());
        }
    }

    /** {@code node: reason} per node, sorted by node, at most 50 ({@link Pod#NODE_VERDICTS_ANNOTATION}). */
    static String verdicts(FitError error) {
        List<String> lines = new ArrayList<>(new java.util.TreeMap<>(error.nodeReasons()).entrySet().stream()
                .limit(50).map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList());
        if (error.nodeReasons().size() > 50) {
            lines.add("(" + (error.nodeReasons().size() - 50) + " more nodes)");
        }
        return String.join("\n", lines);
    }

    private static PodStatus withUnschedulable(PodStatus status, String message, java.time.Instant now) {
        List<Condition> conditions = new ArrayList<>(status.conditions().stream()
                .filter(c -> !"PodScheduled".equals(c.type())).toList());
        conditions.add(Condition.of("PodScheduled", Condition.FALSE, "Unschedulable", message,
                now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        PodStatus s = status.withConditions(conditions);
        return s.phase() == null ? s.withPhase(PodStatus.PENDING) : s;
    }

    /** How many pods wait to be scheduled or bound. */
    public int pending() {
        return queue.len() + cache.assumedCount();
    }

    /** Prometheus text (see {@link SchedulerMetrics}). */
    public String metrics() {
        return metrics.text();
    }

    /** Events not written because too many were waiting (see {@link BackgroundEvents}). */
    public long eventsDropped() {
        return events.dropped();
    }

    /** Attempts so far with the given result ({@link SchedulerMetrics#SCHEDULED} counts bindings that succeeded). */
    public long attempts(String result) {
        return metrics.attempts(result);
    }

}
