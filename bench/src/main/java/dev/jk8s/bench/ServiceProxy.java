package dev.jk8s.bench;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Service;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.controllermanager.ControllerManager;
import dev.jk8s.kubelet.Kubelet;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.internal.DockerRuntime;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.Footprint;
import dev.jk8s.proxy.ProxyServer;
import dev.jk8s.proxy.ServiceRange;
import dev.jk8s.proxy.iptables.IptablesProxier;
import dev.jk8s.scheduler.Scheduler;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import dev.jk8s.testkit.DockerHost;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The proxy's data path and its rule programming, on a real node: an in-process control plane
 * (private etcd, apiserver, scheduler, controller-manager with the deployment, replicaset and
 * endpoints controllers), an in-process kubelet on this machine's Docker and the proxy in iptables
 * mode, all in this JVM.
 *
 * <p>Data path: HTTP/1.0 GETs, one new TCP connection each, by {@code --clients} threads for
 * {@code --duration} seconds, to one jk8s/http pod through its Service's ClusterIP and directly
 * to the same pod's IP, in alternating rounds (so that the noise of a shared machine hits both);
 * prints req/s, p50 and p99 per round, the medians and the ratios ClusterIP / direct. Then, as
 * extra information, the same against the ClusterIP with {@code --extra-replicas} replicas.
 *
 * <p>Rule programming: a selector-less Service with a hand-written Endpoints object whose
 * addresses (the pods' IPs, used as data only: no traffic goes to that port) are changed
 * {@code --changes} times, one added or removed each time; the time from the update call
 * returning until {@code iptables-save -t nat} shows the new set of DNAT destinations, polled
 * every {@code --poll-ms}.
 *
 * <p>It refuses to start while any {@code JK8S-*} chain or the service-range link exists (another
 * proxy, e.g. an integration test, is running), and on the way out, also on failure or Ctrl-C,
 * removes the proxy's rules and route ({@link IptablesProxier#cleanup}) and every container of
 * its node. Needs root, iptables and the local images jk8s/http:1.0 and jk8s/pause:1.0.
 */
@Command(name = "service-proxy", mixinStandardHelpOptions = true,
        description = "HTTP through a ClusterIP (iptables proxy) vs. directly to the pod; rule-sync latency after an Endpoints change.")
final class ServiceProxy implements Callable<Integer> {

    private static final String RANGE = "10.96.0.0/12";
    private static final String NS = "default";
    private static final int SYNC_PORT = 9376;
    private static final String PROGRAMMING = "kubeproxy_network_programming_duration_seconds";
    private static final String SYNC_DURATION = "kubeproxy_sync_proxy_rules_duration_seconds";

    @Option(names = "--clients", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds per measured phase (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of direct + ClusterIP (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "3", description = "Seconds of discarded warm-up per path (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--extra-replicas", defaultValue = "3",
            description = "Replicas for the extra ClusterIP phase (1 round, alternated with direct); below 2: skipped (default: ${DEFAULT-VALUE}).")
    int extraReplicas;

    @Option(names = "--changes", defaultValue = "50", description = "Endpoints changes timed until in the nat table (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--poll-ms", defaultValue = "5", description = "Pause between two reads of the nat table (default: ${DEFAULT-VALUE}).")
    int pollMillis;

    @Option(names = "--change-timeout", defaultValue = "5", description = "Seconds before a change counts as timed out (default: ${DEFAULT-VALUE}).")
    int changeTimeoutSeconds;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds a setup step may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final CommandRunner host = CommandRunner.system(Duration.ofSeconds(30));
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private volatile String nodeName;
    private volatile boolean proxyStarted;

    @Override
    public Integer call() throws Exception {
        DockerCli.requireImages(List.of("jk8s/http:1.0", "jk8s/pause:1.0"));
        try {
            Footprint.requireNone(host, new ServiceRange(RANGE, host));
        } catch (IllegalStateException e) {
            System.err.println("service-proxy: not starting: " + e.getMessage());
            return 2;
        }
        nodeName = "bench-proxy-" + UUID.randomUUID().toString().substring(0, 8);
        Thread hook = new Thread(this::cleanUp, "service-proxy-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try (EtcdServer etcd = new EtcdServer().start();
             ApiServer api = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
             ApiClient client = ApiClient.connect("127.0.0.1:" + api.port());
             ApiClient proxyClient = ApiClient.connect("127.0.0.1:" + api.port());
             Scheduler scheduler = new Scheduler(client, "default-scheduler", DefaultProfile.PROFILE, Clock.systemUTC(), 4);
             ControllerManager controllers = new ControllerManager(client, List.of("deployment", "replicaset", "endpoints"), 2,
                     Clock.systemUTC())) {
            if (!scheduler.awaitSynced(timeout) || !controllers.awaitSynced(timeout)) {
                throw new TimeoutException("the scheduler's or the controller-manager's informers did not sync");
            }
            scheduler.start();
            controllers.start();
            DockerRuntime docker = DockerRuntime.connect();
            Kubelet kubelet = null;
            ProxyServer proxy = null;
            try {
                kubelet = Kubelet.start(client, docker, Kubelet.Options.defaults(NodeConfig.defaults(nodeName),
                        Files.createTempDirectory("jk8s-service-proxy")).withPort(0).withResync(Duration.ofSeconds(2)));
                proxyStarted = true;
                proxy = ProxyServer.start(proxyClient, iptables(), ProxyServer.Options.DEFAULT);
                System.out.printf("service-proxy: node %s (in-process kubelet on Docker), proxy in iptables mode (min sync period "
                                + "%d ms), %d client threads, new TCP connection per HTTP/1.0 GET, %d s phases, %d rounds; %d cores%n",
                        nodeName, ProxyServer.Options.DEFAULT.minSyncPeriod().toMillis(), clients, durationSeconds, rounds,
                        Runtime.getRuntime().availableProcessors());
                dataPath(client, timeout);
                ruleSync(client, proxy, timeout);
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
                try {
                    cleanRules();
                } finally {
                    if (kubelet != null) {
                        kubelet.close();
                    }
                    docker.close();
                    DockerHost.removeLabelled(Labels.NODE, nodeName); // what the kubelet left, if anything
                }
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    // ---------------------------------------------------------------- data path

    private void dataPath(ApiClient client, Duration timeout) throws Exception {
        client.resource(Kinds.DEPLOYMENT).create((Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers: [{name: http, image: "jk8s/http:1.0", ports: [{name: http, containerPort: 80}]}]
                """));
        Service web = client.resource(Kinds.SERVICE).create((Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  ports: [{port: 8080, targetPort: 80}]
                """));
        String clusterIp = web.spec().clusterIP();
        long t0 = System.nanoTime();
        List<String> eps = awaitEndpoints(client, "web", 1, timeout);
        awaitNat(80, Set.copyOf(eps), timeout);
        String podIp = eps.get(0).substring(0, eps.get(0).indexOf(':'));
        System.out.printf("web: 1 replica ready, in the nat table %.1f s after the create; ClusterIP %s:8080, pod %s:80%n",
                (System.nanoTime() - t0) / 1e9, clusterIp, podIp);

        Target direct = new Target("direct", podIp, 80);
        Target viaService = new Target("clusterIP", clusterIp, 8080);
        Phase wd = load(direct, warmUpSeconds);
        Phase wc = load(viaService, warmUpSeconds);
        System.out.printf("warm-up (discarded): direct %.0f req/s, clusterIP %.0f req/s, errors %d%n", wd.rate(), wc.rate(),
                wd.errors + wc.errors);

        List<Phase> directs = new ArrayList<>();
        List<Phase> services = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Phase d = load(direct, durationSeconds);
            print(r, d);
            directs.add(d);
            Phase c = load(viaService, durationSeconds);
            print(r, c);
            services.add(c);
        }
        double dRate = Stats.median(directs.stream().map(Phase::rate).toList());
        double cRate = Stats.median(services.stream().map(Phase::rate).toList());
        double dP50 = Stats.median(directs.stream().map(p -> p.percentile(50)).toList());
        double cP50 = Stats.median(services.stream().map(p -> p.percentile(50)).toList());
        double dP99 = Stats.median(directs.stream().map(p -> p.percentile(99)).toList());
        double cP99 = Stats.median(services.stream().map(p -> p.percentile(99)).toList());
        long errors = directs.stream().mapToLong(p -> p.errors).sum() + services.stream().mapToLong(p -> p.errors).sum();
        System.out.printf("median of %d rounds, 1 replica: direct %.0f req/s p50 %.2f ms p99 %.2f ms; clusterIP %.0f req/s "
                        + "p50 %.2f ms p99 %.2f ms; errors %d%n", rounds, dRate, dP50, dP99, cRate, cP50, cP99, errors);
        List<Double> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            perRound.add(services.get(r).rate() / directs.get(r).rate());
        }
        System.out.printf("ratio clusterIP/direct of the medians: req/s %.2f (target >= 0.9), p50 %.2f, p99 %.2f; "
                        + "per-round req/s ratios %s (median %.2f)%n", cRate / dRate, cP50 / dP50, cP99 / dP99,
                perRound.stream().map(x -> String.format("%.2f", x)).collect(Collectors.joining(" ")), Stats.median(perRound));

        if (extraReplicas >= 2) {
            client.resource(Kinds.DEPLOYMENT).guaranteedUpdate(NS, "web", d -> d.withSpec(d.spec().withReplicas(extraReplicas)));
            List<String> all = awaitEndpoints(client, "web", extraReplicas, timeout);
            awaitNat(80, Set.copyOf(all), timeout);
            Phase d = load(direct, durationSeconds);
            print(1, d);
            Phase c = load(new Target("clusterIP x" + extraReplicas, clusterIp, 8080), durationSeconds);
            print(1, c);
            System.out.printf("extra, %d replicas behind the ClusterIP (direct still to one pod): ratio req/s %.2f, p50 %.2f; "
                    + "errors %d%n", extraReplicas, c.rate() / d.rate(), c.percentile(50) / d.percentile(50), d.errors + c.errors);
        }
    }

    private static void print(int round, Phase p) {
        System.out.printf("round %d %-13s %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.1f ms  (%d requests, %d errors%s)%n",
                round, p.target.name, p.rate(), p.percentile(50), p.percentile(99), p.percentile(100), p.latencies.length,
                p.errors, p.firstError == null ? "" : "; first: " + p.firstError);
    }

    private record Target(String name, String host, int port) {
    }

    /** One phase's outcome: every successful request's latency in ms, errors, seconds. */
    private record PhaseData(double[] latencies, long errors, String firstError, double seconds) {
    }

    private static final class Phase {
        final Target target;
        final double[] latencies;
        final long errors;
        final String firstError;
        final double seconds;

        Phase(Target target, PhaseData d) {
            this.target = target;
            this.latencies = d.latencies();
            Arrays.sort(latencies);
            this.errors = d.errors();
            this.firstError = d.firstError();
            this.seconds = d.seconds();
        }

        double rate() {
            return latencies.length / seconds;
        }

        double percentile(double p) {
            return Stats.percentileOfSorted(latencies, p);
        }
    }

    /** {@code clients} threads in a closed loop against {@code target} for {@code seconds}. */
    private Phase load(Target target, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        PhaseData[] out = new PhaseData[clients];
        Thread[] threads = new Thread[clients];
        for (int i = 0; i < clients; i++) {
            int n = i;
            threads[i] = new Thread(() -> out[n] = loop(target, end), "client-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(out).mapToInt(d -> d.latencies().length).sum();
        double[] all = new double[total];
        int at = 0;
        long errors = 0;
        String first = null;
        for (PhaseData d : out) {
            System.arraycopy(d.latencies(), 0, all, at, d.latencies().length);
            at += d.latencies().length;
            errors += d.errors();
            first = first == null ? d.firstError() : first;
        }
        return new Phase(target, new PhaseData(all, errors, first, elapsed));
    }

    private static PhaseData loop(Target target, long end) {
        double[] lat = new double[1 << 14];
        int n = 0;
        long errors = 0;
        String first = null;
        byte[] request = ("GET / HTTP/1.0\r\nHost: " + target.host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress address = new InetSocketAddress(target.host, target.port);
        long now;
        while ((now = System.nanoTime()) - end < 0) {
            try {
                get(address, request);
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = (System.nanoTime() - now) / 1e6;
            } catch (IOException e) {
                errors++;
                if (first == null) {
                    first = e.toString();
                }
            }
        }
        return new PhaseData(Arrays.copyOf(lat, n), errors, first, 0);
    }

    /** One GET on a new connection; throws unless the answer is a 200 with a body. */
    private static void get(InetSocketAddress address, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] response = in.readAllBytes();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            if (!(text.startsWith("HTTP/1.0 200") || text.startsWith("HTTP/1.1 200")) || text.indexOf("\r\n\r\n") + 4 >= text.length()) {
                throw new IOException("answered " + text.lines().findFirst().orElse("nothing"));
            }
        }
    }

    // ---------------------------------------------------------------- rule sync

    private void ruleSync(ApiClient client, ProxyServer proxy, Duration timeout) throws Exception {
        List<String> ips = client.resource(Kinds.POD).list(NS).items().stream()
                .filter(p -> p.metadata().deletionTimestamp() == null && p.status() != null && p.status().podIP() != null)
                .map(p -> p.status().podIP()).distinct().sorted().toList();
        if (ips.size() < 2) {
            client.resource(Kinds.DEPLOYMENT).guaranteedUpdate(NS, "web", d -> d.withSpec(d.spec().withReplicas(2)));
            ips = awaitEndpoints(client, "web", 2, timeout).stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
        }
        String base = ips.get(0);
        String extra = ips.get(1);
        client.resource(Kinds.SERVICE).create((Service) TestObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: sync, namespace: default}
                spec:
                  ports: [{port: %d, targetPort: %d}]
                """.formatted(SYNC_PORT, SYNC_PORT)));
        Endpoints eps = client.resource(Kinds.ENDPOINTS).create(endpoints(List.of(base)));
        awaitNat(SYNC_PORT, Set.of(base + ":" + SYNC_PORT), timeout);
        Map<Double, Double> programmingBefore = buckets(proxy.metrics().text(), PROGRAMMING);
        Map<Double, Double> syncBefore = buckets(proxy.metrics().text(), SYNC_DURATION);
        long syncsBefore = proxy.metrics().syncs();

        List<Double> latencies = new ArrayList<>();
        List<Double> pollCosts = new ArrayList<>();
        int timeouts = 0;
        for (int i = 0; i < changes; i++) {
            List<String> want = i % 2 == 0 ? List.of(base, extra) : List.of(base);
            Set<String> expected = want.stream().map(ip -> ip + ":" + SYNC_PORT).collect(Collectors.toSet());
            Endpoints next = endpoints(want).withMetadata(eps.metadata());
            eps = client.resource(Kinds.ENDPOINTS).update(next);
            long written = System.nanoTime();
            long deadline = written + changeTimeoutSeconds * 1_000_000_000L;
            boolean seen = false;
            while (System.nanoTime() - deadline < 0) {
                long poll = System.nanoTime();
                Set<String> now = natDestinations(SYNC_PORT);
                long done = System.nanoTime();
                pollCosts.add((done - poll) / 1e6);
                if (now.equals(expected)) {
                    latencies.add((done - written) / 1e6);
                    seen = true;
                    break;
                }
                Thread.sleep(pollMillis);
            }
            if (!seen) {
                timeouts++;
                awaitNat(SYNC_PORT, expected, timeout); // start the next change from a programmed state
            }
            Thread.sleep(20 + (i * 37) % 100); // not in step with the proxy's 100 ms minimum period
        }
        System.out.printf("rule sync, %d Endpoints changes (one address added or removed), update call returned -> nat table "
                        + "shows it: p50 %.0f ms, p99 %.0f ms, max %.0f ms, timeouts (> %d s) %d (target p99 <= 1 s); "
                        + "a read of the nat table took %.1f ms (median), polled every %d ms after it%n",
                changes, Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), Stats.percentile(latencies, 100),
                changeTimeoutSeconds, timeouts, Stats.median(pollCosts), pollMillis);
        String text = proxy.metrics().text();
        System.out.printf("proxy's own metrics over these changes (%d syncs), cumulative bucket counts (s):%n",
                proxy.metrics().syncs() - syncsBefore);
        for (String name : List.of(PROGRAMMING, SYNC_DURATION)) {
            Map<Double, Double> was = name.equals(PROGRAMMING) ? programmingBefore : syncBefore;
            StringBuilder line = new StringBuilder();
            buckets(text, name).forEach((le, count) -> {
                if (le <= 1 || le.isInfinite()) {
                    line.append(String.format(" <=%s: %.0f", le.isInfinite() ? "+Inf" : String.valueOf(le),
                            count - was.getOrDefault(le, 0.0)));
                }
            });
            System.out.printf("  %s%s%n", name, line);
        }
    }

    private static Endpoints endpoints(List<String> ips) {
        return new Endpoints(ObjectMeta.named(NS, "sync"), List.of(new EndpointSubset(
                ips.stream().map(EndpointAddress::of).toList(), List.of(), List.of(new EndpointPort(null, SYNC_PORT, "TCP", null)))));
    }

    /** Cumulative bucket counts of histogram {@code name} in a Prometheus text exposition, by upper bound. */
    private static Map<Double, Double> buckets(String text, String name) {
        Map<Double, Double> out = new TreeMap<>();
        String prefix = name + "_bucket{le=\"";
        text.lines().filter(l -> l.startsWith(prefix)).forEach(l -> {
            String le = l.substring(prefix.length(), l.indexOf('"', prefix.length()));
            out.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                    Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
        });
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** The ready addresses (ip:port) of an Endpoints object once there are exactly {@code n}. */
    private static List<String> awaitEndpoints(ApiClient client, String name, int n, Duration timeout) throws Exception {
        List<String>[] found = new List[1];
        awaitTrue(() -> {
            found[0] = readyEndpoints(client, name);
            return found[0].size() == n;
        }, timeout, "Endpoints " + name + " with " + n + " ready addresses");
        return found[0];
    }

    private static List<String> readyEndpoints(ApiClient client, String name) {
        Endpoints eps = client.resource(Kinds.ENDPOINTS).list(NS).items().stream()
                .filter(e -> e.metadata().name().equals(name)).findFirst().orElse(null);
        if (eps == null) {
            return List.of();
        }
        return eps.subsets().stream().flatMap(s -> s.addresses().stream().flatMap(a -> s.ports().stream()
                .map(p -> a.ip() + ":" + p.port()))).sorted().toList();
    }

    private void awaitNat(int port, Set<String> expected, Duration timeout) throws Exception {
        awaitTrue(() -> {
            try {
                return natDestinations(port).equals(expected);
            } catch (Exception e) {
                return false;
            }
        }, timeout, "the nat table to DNAT to " + expected);
    }

    /** The {@code ip:port} destinations of the proxy's DNAT rules to {@code port}, from {@code iptables-save -t nat}. */
    private Set<String> natDestinations(int port) throws Exception {
        String suffix = ":" + port;
        return host.run(List.of("iptables-save", "-t", "nat"), null).lines()
                .filter(l -> l.startsWith("-A JK8S-SEP-") && l.contains("-j DNAT --to-destination "))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(d -> d.endsWith(suffix))
                .collect(Collectors.toSet());
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("no " + what + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    private IptablesProxier iptables() {
        return new IptablesProxier(host, new ServiceRange(RANGE, host), List.of("127.0.0.0/8"));
    }

    /** The shutdown hook's: the proxy's rules and route, and the node's containers. */
    private void cleanUp() {
        try {
            cleanRules();
        } finally {
            if (nodeName != null) {
                DockerHost.removeLabelled(Labels.NODE, nodeName);
            }
        }
    }

    /** Removes the proxy's rules and route, once. */
    private void cleanRules() {
        if (!proxyStarted || !cleaned.compareAndSet(false, true)) {
            return;
        }
        try {
            iptables().cleanup();
        } catch (Exception e) {
            System.err.println("service-proxy: cleanup of the proxy's rules failed (run the proxy with --cleanup): " + e.getMessage());
        }
    }
}
