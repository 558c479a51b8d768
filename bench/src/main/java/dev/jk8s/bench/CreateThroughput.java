package dev.jk8s.bench;

import dev.jk8s.api.Codec;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.TestObjects;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Objects created per second through the apiserver against compare-and-swap creates straight
 * into the same etcd with jetcd, at the same concurrency and value size, in alternating rounds
 * of one run. Prints each round, the medians and the ratio apiserver / raw etcd.
 */
@Command(name = "create-throughput", mixinStandardHelpOptions = true,
        description = "Creates/s through the apiserver vs raw jetcd CAS puts/s into the same etcd.")
final class CreateThroughput implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--objects", defaultValue = "5000", description = "Objects created per round and side (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--etcd", description = "Use this etcd (e.g. http://127.0.0.1:2379) instead of starting a private one.")
    String etcdEndpoint;

    @Option(names = "--no-fsync", description = "Start the private etcd with --unsafe-no-fsync (the tests' setting).")
    boolean noFsync;

    @Option(names = "--warm-up", defaultValue = "30000",
            description = "Objects created per side before measuring: the JIT needs tens of thousands of calls to settle (default: ${DEFAULT-VALUE}).")
    int warmUp;

    private long etcdPid = -1;

    @Override
    public Integer call() throws Exception {
        try (EtcdServer etcd = etcdEndpoint == null ? (noFsync ? new EtcdServer() : EtcdServer.durable()).start() : null) {
            String endpoint = etcd == null ? etcdEndpoint : etcd.endpoint();
            etcdPid = etcd == null ? -1 : etcd.pid();
            try (ApiServer api = ApiServer.start(ApiServer.Options.defaults(endpoint).withPorts(0, 0));
                 ApiClient client = ApiClient.connect("127.0.0.1:" + api.port());
                 EchoServer echo = new EchoServer();
                 ApiClient echoClient = ApiClient.connect("127.0.0.1:" + echo.port());
                 Client raw = Client.builder().endpoints(endpoint).build()) {
                run(client, raw.getKVClient(), echoClient.resource(Kinds.CONFIG_MAP));
            }
        }
        return 0;
    }

    private void run(ApiClient client, KV kv, ResourceClient<ConfigMap> echo) throws Exception {
        String ns = "bench-" + System.currentTimeMillis();
        client.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, ns));
        ResourceClient<ConfigMap> cms = client.resource(Kinds.CONFIG_MAP);
        byte[] value = Codec.encode(cms.create(configMap(ns, "warm-up")));
        warmUp(cms, kv, ns, value, echo);
        double[] rawRates = new double[rounds];
        double[] apiRates = new double[rounds];
        double[] echoRates = new double[rounds];
        System.out.printf("create throughput: %d clients, %d objects per round, value %d bytes, etcd %s%n",
                clients, objects, value.length, etcdEndpoint != null ? etcdEndpoint : noFsync ? "private, no fsync" : "private, fsync");
        for (int r = 0; r < rounds; r++) {
            String tag = "r" + r;
            rawRates[r] = measure(i -> rawCreate(kv, "/bench/" + ns + "/" + tag + "-" + i, value));
            String rawCpu = lastCpu;
            apiRates[r] = measure(i -> cms.create(configMap(ns, tag + "-" + i)));
            String apiCpu = lastCpu;
            echoRates[r] = measure(i -> echo.create(configMap(ns, tag + "-" + i)));
            System.out.printf("  raw: %s; apiserver: %s; echo: %s%n", rawCpu, apiCpu, lastCpu);
            System.out.printf("round %d: raw etcd CAS %.0f/s, apiserver %.0f/s, ratio %.2f; "
                    + "gRPC echo with no etcd %.0f/s%n", r + 1, rawRates[r], apiRates[r], apiRates[r] / rawRates[r],
                    echoRates[r]);
        }
        double raw = Stats.median(rawRates);
        double viaApi = Stats.median(apiRates);
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = apiRates[r] / rawRates[r];
        }
        System.out.printf("median: raw etcd CAS creates %.0f/s, apiserver creates %.0f/s, ratio of medians %.2f, "
                + "median of round ratios %.2f (target >= 0.80)%n", raw, viaApi, viaApi / raw, Stats.median(ratios));
        System.out.printf("median: gRPC echo (client library + one round trip, no apiserver work, no etcd) %.0f/s%n",
                Stats.median(echoRates));
    }

    private void warmUp(ResourceClient<ConfigMap> cms, KV kv, String ns, byte[] value, ResourceClient<ConfigMap> echo)
            throws Exception {
        int saved = objects;
        objects = warmUp;
        measure(i -> rawCreate(kv, "/bench/" + ns + "/warm-" + i, value));
        measure(i -> cms.create(configMap(ns, "warm-" + i)));
        measure(i -> echo.create(configMap(ns, "warm-" + i)));
        objects = saved;
    }

    private static ConfigMap configMap(String ns, String name) {
        return new ConfigMap(ObjectMeta.named(ns, name), Map.of("payload", "x".repeat(200)));
    }

    private static void rawCreate(KV kv, String key, byte[] value) {
        RawEtcd.casCreate(kv, key, value);
    }

    private String lastCpu = "";

    /** Runs {@code objects} operations over {@code clients} threads; returns operations per second. */
    private double measure(java.util.function.IntConsumer op) throws Exception {
        long jvmCpu = CpuTime.ofThisJvm();
        long etcdCpu = CpuTime.ofProcess(etcdPid);
        double seconds = RawEtcd.closedLoop(clients, objects, 3600, op) / 1e9;
        lastCpu = String.format("cpu per object: this JVM %.0f us, etcd %.0f us",
                (CpuTime.ofThisJvm() - jvmCpu) / 1e3 / objects, (CpuTime.ofProcess(etcdPid) - etcdCpu) / 1e3 / objects);
        return objects / seconds;
    }

}
