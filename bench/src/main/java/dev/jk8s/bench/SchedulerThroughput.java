package dev.jk8s.bench;

import dev.jk8s.api.Codec;
import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeAddress;
import dev.jk8s.api.core.NodeSpec;
import dev.jk8s.api.core.NodeStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.scheduler.Scheduler;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pods bound per second by the scheduler on a cluster of many simulated nodes, against raw etcd
 * compare-and-swap creates per second at the same concurrency into the same etcd, in one run.
 * A wave is {@code --pods} pods created by {@code --clients} threads; it is timed from the first
 * create call to the moment a pod informer of this benchmark sees the last pod with
 * {@code spec.nodeName} set. Everything (etcd aside) runs in this JVM: apiserver, scheduler,
 * hollow nodes and the load, each over its own connection.
 */
@Command(name = "scheduler-throughput", mixinStandardHelpOptions = true,
        description = "Pods bound/s by the scheduler on hollow nodes vs raw jetcd CAS creates/s into the same etcd.")
final class SchedulerThroughput implements Callable<Integer> {

    enum Nodes { hollow, direct, both }

    @Option(names = "--nodes", defaultValue = "1000", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodeCount;

    @Option(names = "--pods", defaultValue = "5000", description = "Pods per measured wave (default: ${DEFAULT-VALUE}).")
    int podCount;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent creating clients, and raw CAS clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds (raw CAS, then a pod wave) per cluster; the medians are printed (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up-pods", defaultValue = "5000", description = "Pods of the discarded first wave; the JIT needs about this many (default: ${DEFAULT-VALUE}).")
    int warmUpPods;

    @Option(names = "--warm-up-raw", defaultValue = "10000", description = "Raw CAS creates before measuring (default: ${DEFAULT-VALUE}).")
    int warmUpRaw;

    @Option(names = "--binders", defaultValue = "16", description = "The scheduler's binder threads (its --binders; default: ${DEFAULT-VALUE}).")
    int binders;

    @Option(names = "--node-mode", defaultValue = "both",
            description = "hollow: kubelet's HollowNodes (leases, status, they run the pods and write pod status); "
                    + "direct: Ready Node objects written once, no kubelet (only the scheduler's work); both: one cluster each "
                    + "(default: ${DEFAULT-VALUE}).")
    Nodes nodeMode;

    @Option(names = "--hollow-period", defaultValue = "60",
            description = "Hollow nodes' status check and lease renew period, seconds; status report every 10x (default: ${DEFAULT-VALUE}).")
    int hollowPeriod;

    @Option(names = "--hollow-workers", defaultValue = "4", description = "Hollow nodes' pod worker threads (default: ${DEFAULT-VALUE}).")
    int hollowWorkers;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds each phase may take before the run fails (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--no-fsync", description = "Start the private etcd with --unsafe-no-fsync (the tests' setting).")
    boolean noFsync;

    private static final String CPU = "10m";
    private static final String MEMORY = "16Mi";

    @Override
    public Integer call() throws Exception {
        System.out.printf("scheduler throughput: %d nodes (4 cpu, 8Gi, 110 pods), %d pods per wave (requests %s cpu, %s memory), "
                        + "%d creating clients, %d raw CAS clients, warm-up %d pods and %d raw creates discarded, etcd private %s, "
                        + "scheduler in-process (%d binders), %d cores%n",
                nodeCount, podCount, CPU, MEMORY, clients, clients, warmUpPods, warmUpRaw, noFsync ? "no fsync" : "with fsync",
                binders, Runtime.getRuntime().availableProcessors());
        List<Nodes> modes = nodeMode == Nodes.both ? List.of(Nodes.hollow, Nodes.direct) : List.of(nodeMode);
        List<String> summary = new ArrayList<>();
        for (Nodes mode : modes) {
            try {
                summary.addAll(runCluster(mode));
            } catch (TimeoutException e) {
                System.out.println("FAILED (timeout): " + e.getMessage());
                summary.add(mode + " nodes: FAILED (timeout): " + e.getMessage());
            }
        }
        System.out.println("summary:");
        summary.forEach(s -> System.out.println("  " + s));
        return 0;
    }

    /** One fresh etcd, apiserver and scheduler with {@code mode} nodes; returns the summary lines. */
    private List<String> runCluster(Nodes mode) throws Exception {
        System.out.printf("%n== nodes: %s ==%n", mode == Nodes.hollow
                ? "hollow kubelets (HollowNodes, FakeRuntime): they also start each bound pod and write its status"
                : "direct: Ready Node objects written once, no kubelet, bound pods are never started");
        Path root = Files.createTempDirectory("jk8s-sched-bench");
        List<String> summary = new ArrayList<>();
        try (EtcdServer etcd = (noFsync ? new EtcdServer() : EtcdServer.durable()).start();
             ApiServer api = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
             ApiClient loadClient = ApiClient.connect("127.0.0.1:" + api.port());
             ApiClient nodeClient = ApiClient.connect("127.0.0.1:" + api.port());
             ApiClient schedClient = ApiClient.connect("127.0.0.1:" + api.port());
             Client raw = Client.builder().endpoints(etcd.endpoint()).build();
             Closer closer = new Closer()) {
            long setup = System.nanoTime();
            if (mode == Nodes.hollow) {
                NodeConfig template = NodeConfig.defaults("template")
                        .withResources(Quantity.parse("4"), Quantity.parse("8Gi"), 110)
                        .withStatusFrequencies(Duration.ofSeconds(hollowPeriod), Duration.ofSeconds(10L * hollowPeriod))
                        .withLease(Duration.ofSeconds(hollowPeriod), Duration.ofSeconds(4L * hollowPeriod));
                System.out.printf("hollow nodes: status check every %s, status report every %s, lease renew every %s "
                                + "(duration %s), %d pod workers: about %.0f node/lease writes/s in the background%n",
                        template.statusUpdateFrequency(), template.statusReportFrequency(), template.leaseRenewInterval(),
                        template.leaseDuration(), hollowWorkers, nodeCount / (double) hollowPeriod);
                HollowNodes hollow = HollowNodes.start(nodeClient, nodeCount, "hollow-", template, root, hollowWorkers);
                closer.add(hollow::close);
            } else {
                registerReadyNodes(nodeClient);
            }
            awaitReadyNodes(loadClient);
            System.out.printf("%d nodes Ready after %.1f s%n", nodeCount, (System.nanoTime() - setup) / 1e9);

            Scheduler scheduler = new Scheduler(schedClient, "default-scheduler", DefaultProfile.PROFILE, Clock.systemUTC(), binders);
            closer.add(scheduler::close);
            if (!scheduler.awaitSynced(Duration.ofSeconds(timeout))) {
                throw new TimeoutException("the scheduler's informers did not sync in " + timeout + " s");
            }
            scheduler.start();

            String ns = "sched-bench";
            loadClient.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, ns));
            Tracker tracker = new Tracker(loadClient.resource(Kinds.POD), ns);
            closer.add(tracker::close);
            if (!tracker.informer.awaitSynced(Duration.ofSeconds(timeout))) {
                throw new TimeoutException("the benchmark's pod informer did not sync in " + timeout + " s");
            }
            ResourceClient<Pod> pods = loadClient.resource(Kinds.POD);
            Pod template = (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: template, namespace: " + ns
                    + "}\nspec:\n  containers: [{name: app, image: 'jk8s/pause:1.0', resources: {requests: {cpu: " + CPU
                    + ", memory: " + MEMORY + "}}}]\n");
            byte[] value = Codec.encode(pods.create(template.withMetadata(ObjectMeta.named(ns, "size-probe"))));
            KV kv = raw.getKVClient();

            System.out.printf("warm-up: %d raw CAS creates of %d bytes (the created pod's encoded size), then a wave of %d pods%n",
                    warmUpRaw, value.length, warmUpPods);
            RawEtcd.closedLoop(clients, warmUpRaw, timeout, i -> RawEtcd.casCreate(kv, "/bench/raw/warm-" + i, value));
            Wave warm = wave(tracker, pods, template, ns, "warm-", warmUpPods, mode, scheduler, etcd.pid());
            System.out.println("  warm-up wave (discarded): " + warm.describe());

            List<Double> rates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                int round = r;
                long dropped0 = scheduler.eventsDropped();
                long jvm0 = CpuTime.ofThisJvm();
                long etcd0 = CpuTime.ofProcess(etcd.pid());
                double rawRate = podCount / (RawEtcd.closedLoop(clients, podCount, timeout,
                        i -> RawEtcd.casCreate(kv, "/bench/raw/r" + round + "-" + i, value)) / 1e9);
                System.out.printf("round %d: raw etcd CAS creates %.0f/s (%d clients, %d bytes); cpu per write: this JVM %.0f us, "
                                + "etcd %.0f us%n", r, rawRate, clients, value.length,
                        (CpuTime.ofThisJvm() - jvm0) / 1e3 / podCount, (CpuTime.ofProcess(etcd.pid()) - etcd0) / 1e3 / podCount);
                Wave w = wave(tracker, pods, template, ns, "r" + r + "-", podCount, mode, scheduler, etcd.pid());
                System.out.println("  pods: " + w.describe());
                String line = String.format("%s nodes, round %d: %.0f pods bound/s (first create -> last bind), raw etcd CAS %.0f/s, "
                                + "ratio %.2f (target >= 0.5; pods/s target >= 1000); creates %.0f/s, scheduler first->last bind %.0f/s; "
                                + "Scheduled events dropped during the wave: %d",
                        mode, r, w.boundRate(), rawRate, w.boundRate() / rawRate, w.createRate(), w.schedulerRate(),
                        scheduler.eventsDropped() - dropped0);
                System.out.println(line);
                summary.add(line);
                rates.add(w.boundRate());
                ratios.add(w.boundRate() / rawRate);
            }
            String median = String.format("%s nodes, median of %d rounds: %.0f pods bound/s, ratio %.2f (median of the per-round ratios)",
                    mode, rounds, Stats.median(rates), Stats.median(ratios));
            System.out.println(median);
            summary.add(median);
            System.out.println("scheduler metrics at the end (buckets left out):\n  " + metricsWithoutBuckets(scheduler).replace("\n", "\n  "));
        }
        return summary;
    }

    /** The scheduler's metrics without comments and histogram buckets (their sums and counts stay). */
    private static String metricsWithoutBuckets(Scheduler scheduler) {
        return scheduler.metrics().lines().filter(l -> !l.startsWith("#") && !l.contains("_bucket{"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Creates {@code n} pods over the clients and waits until all are bound (and, with kubelets, Running). */
    private Wave wave(Tracker tracker, ResourceClient<Pod> pods, Pod template, String ns, String prefix, int n, Nodes mode,
                      Scheduler scheduler, long etcdPid) throws Exception {
        Wave w = new Wave(prefix, n);
        tracker.current.set(w);
        long jvm0 = CpuTime.ofThisJvm();
        long etcd0 = CpuTime.ofProcess(etcdPid);
        w.start = System.nanoTime();
        w.createNanos = RawEtcd.closedLoop(clients, n, timeout, i -> {
            w.createdAt[i] = System.nanoTime();
            pods.create(template.withMetadata(ObjectMeta.named(ns, prefix + i)));
        });
        if (!w.allBound.await(Math.max(1, timeout - w.createNanos / 1_000_000_000L), TimeUnit.SECONDS)) {
            double elapsed = (System.nanoTime() - w.start) / 1e9;
            int bound = w.boundAt.size();
            throw new TimeoutException(String.format("wave %s: only %d of %d pods bound %.0f s after the first create "
                            + "(%.1f pods bound/s so far, created in %.2f s = %.0f creates/s); scheduler: %s", prefix, bound, n,
                    elapsed, bound / elapsed, w.createNanos / 1e9, w.createRate(),
                    metricsWithoutBuckets(scheduler).replace("\n", ", ")));
        }
        w.cpuJvm = CpuTime.ofThisJvm() - jvm0;
        w.cpuEtcd = CpuTime.ofProcess(etcdPid) - etcd0;
        if (mode == Nodes.hollow) { // let the kubelets' pod status writes finish before the next phase measures
            if (!w.allRunning.await(timeout, TimeUnit.SECONDS)) {
                throw new TimeoutException(String.format("wave %s: %d of %d pods Running after %d s", prefix,
                        n - w.allRunning.getCount(), n, timeout));
            }
        }
        tracker.current.set(null);
        return w;
    }

    private void registerReadyNodes(ApiClient client) throws Exception {
        ResourceClient<Node> nodes = client.resource(Kinds.NODE);
        Map<String, Quantity> capacity = Map.of("cpu", Quantity.parse("4"), "memory", Quantity.parse("8Gi"),
                "pods", Quantity.parse("110"));
        RawEtcd.closedLoop(clients, nodeCount, timeout, i -> {
            String name = "node-" + (i + 1);
            Node created = nodes.create(new Node(ObjectMeta.builder().name(name)
                    .labels(Map.of("kubernetes.io/hostname", name)).build(), NodeSpec.EMPTY));
            Condition ready = Condition.of("Ready", Condition.TRUE, "KubeletReady", "kubelet is posting ready status",
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            nodes.updateStatus(created.withStatus(new NodeStatus(capacity, capacity, List.of(ready),
                    List.of(new NodeAddress("InternalIP", "127.0.0.1"), new NodeAddress("Hostname", name)), null, null)));
        });
    }

    private void awaitReadyNodes(ApiClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        long ready = 0;
        while (System.nanoTime() < deadline) {
            ready = client.resource(Kinds.NODE).list(null).items().stream()
                    .filter(n -> Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false)).count();
            if (ready >= nodeCount) {
                return;
            }
            Thread.sleep(500);
        }
        throw new TimeoutException(ready + " of " + nodeCount + " nodes Ready after " + timeout + " s");
    }

    /** One wave's timestamps (System.nanoTime), filled by the load threads and the tracker's informer. */
    static final class Wave {
        final String prefix;
        final int n;
        final long[] createdAt;
        final Map<String, Long> boundAt = new ConcurrentHashMap<>();
        final Map<String, Long> runningAt = new ConcurrentHashMap<>();
        final CountDownLatch allBound;
        final CountDownLatch allRunning;
        volatile long start;
        long createNanos;
        long cpuJvm;
        long cpuEtcd;

        Wave(String prefix, int n) {
            this.prefix = prefix;
            this.n = n;
            this.createdAt = new long[n];
            this.allBound = new CountDownLatch(n);
            this.allRunning = new CountDownLatch(n);
        }

        void seen(Pod pod, long now) {
            String name = pod.metadata().name();
            if (!name.startsWith(prefix)) {
                return;
            }
            String node = pod.spec().nodeName();
            if (node != null && !node.isEmpty() && boundAt.putIfAbsent(name, now) == null) {
                allBound.countDown();
            }
            if (PodStatus.RUNNING.equals(pod.status().phase()) && runningAt.putIfAbsent(name, now) == null) {
                allRunning.countDown();
            }
        }

        long firstBind() {
            return boundAt.values().stream().mapToLong(Long::longValue).min().orElse(start);
        }

        long lastBind() {
            return boundAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        }

        double boundRate() {
            return n / ((lastBind() - start) / 1e9);
        }

        double createRate() {
            return n / (createNanos / 1e9);
        }

        double schedulerRate() {
            return n / ((lastBind() - firstBind()) / 1e9);
        }

        String describe() {
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Long b = boundAt.get(prefix + i);
                if (b != null) {
                    latencies.add((b - createdAt[i]) / 1e6);
                }
            }
            String running = runningAt.size() < n ? "" : String.format("; all Running %.2f s after the last bind",
                    (runningAt.values().stream().mapToLong(Long::longValue).max().orElse(0) - lastBind()) / 1e9);
            return String.format("%d pods, created in %.2f s (%.0f creates/s), first bind at %.2f s, last bind at %.2f s: "
                            + "%.0f pods bound/s, scheduler first->last bind %.0f/s; create->bound latency p50 %.0f ms, "
                            + "p99 %.0f ms, max %.0f ms; cpu per pod (create to last bind): this JVM %.0f us, etcd %.0f us%s",
                    n, createNanos / 1e9, createRate(), (firstBind() - start) / 1e9, (lastBind() - start) / 1e9, boundRate(),
                    schedulerRate(), Stats.percentile(latencies, 50), Stats.percentile(latencies, 99),
                    Stats.percentile(latencies, 100), cpuJvm / 1e3 / n, cpuEtcd / 1e3 / n, running);
        }
    }

    /** The benchmark's own pod informer on the namespace: sees each pod bound, and Running. */
    static final class Tracker {
        final SharedInformer<Pod> informer;
        final AtomicReference<Wave> current = new AtomicReference<>();

        Tracker(ResourceClient<Pod> pods, String ns) {
            informer = new SharedInformer<>(pods, ns, ListOptions.DEFAULT);
            informer.addEventHandler(ResourceEventHandler.onChange(p -> {
                Wave w = current.get();
                if (w != null) {
                    w.seen(p, System.nanoTime());
                }
            }));
            informer.start();
        }

        void close() {
            informer.stop();
        }
    }

    /** Closes what it was given, newest first, even when one fails. */
    static final class Closer implements AutoCloseable {
        private final List<AutoCloseable> items = new ArrayList<>();

        void add(AutoCloseable c) {
            items.add(c);
        }

        @Override
        public void close() {
            for (int i = items.size() - 1; i >= 0; i--) {
                try {
                    items.get(i).close();
                } catch (Exception e) {
                    System.err.println("closing: " + e);
                }
            }
        }
    }
}
