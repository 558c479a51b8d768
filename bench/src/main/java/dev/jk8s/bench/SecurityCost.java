package dev.jk8s.bench;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.apiserver.ApiServerTls;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.client.ResourceClient;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.Pki;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What security costs: ConfigMap creates per second through an apiserver with TLS, a bearer
 * token, RBAC and the audit log, against one with none of them (plaintext, no authentication),
 * both on the same etcd, in alternating rounds of one run. The secure client is an ordinary user
 * whose right comes from a RoleBinding to {@code edit}, so every create is authenticated by hash
 * lookup and authorized by RBAC (not by the system:masters shortcut). Prints each round, the
 * medians and the ratio secure / insecure (target: at least 0.85).
 */
@Command(name = "security-cost", mixinStandardHelpOptions = true,
        description = "Creates/s with TLS + token + RBAC + audit vs without, same etcd, same run.")
final class SecurityCost implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--objects", defaultValue = "5000", description = "Objects created per round and side (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "20000", description = "Objects created per side before measuring (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("jk8s-security-cost");
        String admin = token();
        String user = token();
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, TokenHash.of(admin) + ",admin,uid-admin,\"system:masters\"\n"
                + TokenHash.of(user) + ",bench-user,uid-bench,\"\"\n");
        Pki pki = Pki.cluster();
        try (EtcdServer etcd = EtcdServer.durable().start();
             ApiServer insecure = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
             ApiServer secure = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                     .withTls(ApiServerTls.serving(pki.apiserverCert(), pki.apiserverKey()))
                     .withAuth(ApiServer.Auth.tokens(tokens).withAuditLog(dir.resolve("audit.log"), 100L << 20, 1)));
             ApiClient plain = ApiClient.connect("127.0.0.1:" + insecure.port());
             ApiClient adminClient = ApiClient.connect("127.0.0.1:" + secure.port(),
                     ConnectOptions.DEFAULT.withCertificateAuthority(pki.ca()).withBearerToken(admin));
             ApiClient userClient = ApiClient.connect("127.0.0.1:" + secure.port(),
                     ConnectOptions.DEFAULT.withCertificateAuthority(pki.ca()).withBearerToken(user))) {
            String ns = "bench-" + System.currentTimeMillis();
            adminClient.resource(Kinds.NAMESPACE).create(TestObjects.of(Kinds.NAMESPACE, ns));
            adminClient.resource(Kinds.ROLE_BINDING).create(new RoleBinding(ObjectMeta.named(ns, "bench-edit"),
                    List.of(Subject.user("bench-user")), RoleRef.clusterRole("edit")));
            run(ns, plain.resource(Kinds.CONFIG_MAP), userClient.resource(Kinds.CONFIG_MAP), dir);
        }
        return 0;
    }

    private void run(String ns, ResourceClient<ConfigMap> plain, ResourceClient<ConfigMap> secure, Path dir) throws Exception {
        awaitAllowed(secure, ns);
        measure(warmUp, i -> plain.create(configMap(ns, "warm-p-" + i)));
        measure(warmUp, i -> secure.create(configMap(ns, "warm-s-" + i)));
        double[] plainRates = new double[rounds];
        double[] secureRates = new double[rounds];
        double[] ratios = new double[rounds];
        System.out.printf("security cost: %d clients, %d ConfigMaps per round and side, etcd with fsync%n", clients, objects);
        for (int r = 0; r < rounds; r++) {
            String tag = "r" + r;
            plainRates[r] = measure(objects, i -> plain.create(configMap(ns, tag + "-p-" + i)));
            secureRates[r] = measure(objects, i -> secure.create(configMap(ns, tag + "-s-" + i)));
            ratios[r] = secureRates[r] / plainRates[r];
            System.out.printf("round %d: plaintext, no auth %.0f/s; TLS + token + RBAC + audit %.0f/s; ratio %.2f%n",
                    r + 1, plainRates[r], secureRates[r], ratios[r]);
        }
        double plainMedian = Stats.median(plainRates);
        double secureMedian = Stats.median(secureRates);
        System.out.printf("median: plaintext %.0f/s, secure %.0f/s, ratio of medians %.2f, median of round ratios %.2f"
                + " (target >= 0.85); audit log %d MiB%n", plainMedian, secureMedian, secureMedian / plainMedian,
                Stats.median(ratios), Files.size(dir.resolve("audit.log")) >> 20);
    }

    /** The RoleBinding takes effect once the apiserver's cache has it. */
    private static void awaitAllowed(ResourceClient<ConfigMap> secure, String ns) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                secure.create(configMap(ns, "allowed"));
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50); // polling the apiserver for a binding to be seen; bounded above
            }
        }
    }

    private double measure(int count, IntConsumer op) throws Exception {
        return count / (RawEtcd.closedLoop(clients, count, 3600, op) / 1e9);
    }

    private static ConfigMap configMap(String ns, String name) {
        return new ConfigMap(ObjectMeta.named(ns, name), Map.of("payload", "x".repeat(200)));
    }

    private static String token() {
        return TokenHash.newToken(new SecureRandom());
    }
}
