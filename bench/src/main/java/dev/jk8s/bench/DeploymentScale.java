package dev.jk8s.bench;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.Pod;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.ControllerManager;
import dev.jk8s.kubelet.hollow.HollowNodes;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.scheduler.Scheduler;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A Deployment from 0 to N ready replicas on hollow nodes, against a baseline in the same run:
 * the same N pods created straight through the apiserver by 16 clients, already bound round-robin
 * to the nodes (no controller, no scheduler), until just as ready. Both measured from the first
 * write to the benchmark's informer seeing the N-th Ready pod; rounds alternate, each in a fresh
 * namespace; medians and the median of the per-round ratios are printed.
 */
@Command(name = "deployment-scale", mixinStandardHelpOptions = true,
        description = "Deployment 0 -> N ready replicas on hollow nodes vs. the same pods created ready-bound directly.")
public final class DeploymentScale implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "100", description = "Hollow nodes (default: ${DEFAULT-VALUE}).")
    int nodeCount;

    @Option(names = "--replicas", defaultValue = "1000", description = "Replicas per round (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds a phase may take (default: ${DEFAULT-VALUE}).")
    int timeout;

    private static final String TEMPLATE = """
            apiVersion: v1
            kind: Pod
            metadata: {name: template, labels: {app: bench}}
            spec: {containers: [{name: app, image: "jk8s/pause:1.0", resources: {requests: {cpu: 10m, memory: 16Mi}}}]}
            """;

    @Override
    public Integer call() throws Exception {
        System.out.printf("deployment-scale: %d hollow nodes, a Deployment 0 -> %d ready replicas (RollingUpdate defaults) vs. %d "
                + "pods created bound by 16 clients; etcd with fsync; apiserver, scheduler, controller-manager and nodes in this JVM; "
                + "%d cores%n", nodeCount, replicas, replicas, Runtime.getRuntime().availableProcessors());
        try (EtcdServer etcd = EtcdServer.durable().start();
             ApiServer api = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
             ApiClient client = ApiClient.connect("127.0.0.1:" + api.port());
             ApiClient nodeClient = ApiClient.connect("127.0.0.1:" + api.port());
             ApiClient controlClient = ApiClient.connect("127.0.0.1:" + api.port())) {
            NodeConfig template = NodeConfig.defaults("template").withResources(Quantity.parse("32"), Quantity.parse("64Gi"), 500)
                    .withStatusFrequencies(Duration.ofSeconds(60), Duration.ofMinutes(10))
                    .withLease(Duration.ofSeconds(10), Duration.ofSeconds(40));
            try (HollowNodes nodes = HollowNodes.start(nodeClient, nodeCount, "hollow-", template,
                    Files.createTempDirectory("jk8s-deploy-bench"), 4);
                 Scheduler scheduler = schedulerOf(controlClient);
                 ControllerManager controllers = new ControllerManager(controlClient, List.of("deployment", "replicaset"), 5,
                         Clock.systemUTC())) {
                if (!controllers.awaitSynced(Duration.ofSeconds(timeout))) {
                    throw new TimeoutException("the controller-manager's informers did not sync");
                }
                controllers.start();
                System.out.printf("warm-up (discarded): direct %.0f pods/s, deployment %.0f pods/s%n",
                        direct(client, "warm-direct", nodes.names()), deployment(client, "warm-deploy"));
                run(client, nodes.names());
            }
        }
        return 0;
    }

    private Scheduler schedulerOf(ApiClient client) throws TimeoutException {
        Scheduler s = new Scheduler(client, "default-scheduler", DefaultProfile.PROFILE, Clock.systemUTC(), 16);
        if (!s.awaitSynced(Duration.ofSeconds(timeout))) {
            throw new TimeoutException("the scheduler's informers did not sync");
        }
        s.start();
        return s;
    }

    private void run(ApiClient client, List<String> nodes) throws Exception {
        List<Double> directRates = new ArrayList<>();
        List<Double> deployRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            double direct = direct(client, "direct-" + r, nodes);
            double deploy = deployment(client, "deploy-" + r);
            System.out.printf("round %d: deployment %d replicas ready in %.2f s = %.0f pods/s; direct %.0f pods/s; ratio %.2f%n",
                    r, replicas, replicas / deploy, deploy, direct, deploy / direct);
            directRates.add(direct);
            deployRates.add(deploy);
            ratios.add(deploy / direct);
        }
        System.out.printf("median of %d rounds: deployment %.0f pods/s (%.2f s for %d), direct %.0f pods/s, ratio %.2f "
                        + "(target >= 200 pods/s)%n", rounds, Stats.median(deployRates), replicas / Stats.median(deployRates),
                replicas, Stats.median(directRates), Stats.median(ratios));
    }

    /** Pods per second: {@code replicas} pods created bound, round-robin, by 16 clients, until all Ready. */
    private double direct(ApiClient client, String ns, List<String> nodes) throws Exception {
        client.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, ns));
        Pod template = (Pod) TestObjects.parse(TEMPLATE);
        try (ReadyCounter ready = new ReadyCounter(client, ns, replicas)) {
            long start = System.nanoTime();
            RawEtcd.closedLoop(16, replicas, timeout, i -> client.resource(Kinds.POD).create(template
                    .withMetadata(template.metadata().toBuilder().namespace(ns).name("p-" + i).build())
                    .withSpec(template.spec().withNodeName(nodes.get(i % nodes.size())))));
            return replicas / ready.await(start, timeout);
        }
    }

    /** Pods per second: a Deployment of {@code replicas} created, until all its pods are Ready. */
    private double deployment(ApiClient client, String ns) throws Exception {
        client.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, ns));
        Deployment d = (Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: bench}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: bench}}
                  template:
                    metadata: {labels: {app: bench}}
                    spec: {containers: [{name: app, image: "jk8s/pause:1.0", resources: {requests: {cpu: 10m, memory: 16Mi}}}]}
                """.formatted(replicas));
        try (ReadyCounter ready = new ReadyCounter(client, ns, replicas)) {
            long start = System.nanoTime();
            client.resource(Kinds.DEPLOYMENT).create(d.withMetadata(ObjectMeta.named(ns, "bench")));
            return replicas / ready.await(start, timeout);
        }
    }

    /** Counts down as pods of a namespace turn Ready, by an informer of its own. */
    static final class ReadyCounter implements AutoCloseable {
        private final SharedInformer<Pod> informer;
        private final CountDownLatch all;
        private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

        ReadyCounter(ApiClient client, String ns, int n) throws TimeoutException {
            all = new CountDownLatch(n);
            informer = new SharedInformer<>(client.resource(Kinds.POD), ns, ListOptions.DEFAULT);
            informer.addEventHandler(ResourceEventHandler.onChange(p -> {
                if (Condition.find(p.status().conditions(), "Ready").map(Condition::isTrue).orElse(false)
                        && seen.add(p.metadata().name())) {
                    all.countDown();
                }
            }));
            informer.start();
            if (!informer.awaitSynced(Duration.ofSeconds(30))) {
                throw new TimeoutException("the benchmark's pod informer did not sync");
            }
        }

        /** Seconds from {@code startNanos} until every pod was Ready. */
        double await(long startNanos, int timeoutSeconds) throws Exception {
            if (!all.await(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new TimeoutException(all.getCount() + " pods not Ready after " + timeoutSeconds + " s");
            }
            return (System.nanoTime() - startNanos) / 1e9;
        }

        @Override
        public void close() {
            informer.stop();
        }
    }
}
