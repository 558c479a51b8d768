package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jk8s.proxy.CommandRunner;
import dev.jk8s.proxy.Footprint;
import dev.jk8s.proxy.ServiceRange;
import dev.jk8s.testkit.DockerHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The end-to-end suite: the real processes started by {@code bin/cluster up --nodes 2} and driven
 * by {@code bin/jctl} and HTTP, as a user drives them, on the repository's own examples. The
 * steps run in order on one cluster, each leaving it as the next expects; the last takes it down.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2EIT {

    static final CommandRunner HOST = CommandRunner.system(Duration.ofSeconds(30));
    static final int NODE_PORT = 30080; // examples/hello-service.yaml

    BinCluster cluster;

    @BeforeAll
    void up() throws Exception {
        DockerHost.require();
        Footprint.requireNone(HOST, new ServiceRange("10.96.0.0/12", HOST));
        cluster = new BinCluster(2);
        cluster.cluster(Duration.ofMinutes(6), "up", "--nodes", "2").ok();
    }

    @AfterAll
    void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theExamplesRunAndTheServiceAnswersFromEveryReplica() {
        assertThat(cluster.jctl("apply", "-f", "examples/").ok().out()).contains("deployment.apps/hello", "service/hello");
        cluster.jctl("rollout", "status", "deployment/hello", "--timeout", "120s").ok();

        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> answers(30).keySet().equals(helloPods()));
    }

    @Test
    @Order(2)
    void scalingChangesWhoAnswers() {
        cluster.jctl("scale", "deployment/hello", "--replicas=5").ok();
        cluster.jctl("rollout", "status", "deployment/hello", "--timeout", "120s").ok();
        assertThat(helloPods()).hasSize(5);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> answers(60).keySet().equals(helloPods()));

        cluster.jctl("scale", "deployment/hello", "--replicas=3").ok();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> helloPods().size() == 3);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> answers(30).keySet().equals(helloPods()));
    }

    @Test
    @Order(3)
    void aRollingUpdateFailsNoRequestOfAClientThatKeepsCalling() throws Exception {
        Set<String> before = helloPods();
        Path v2 = Files.createTempFile(cluster.runDir, "hello-v2", ".yaml");
        Files.writeString(v2, Files.readString(BinCluster.ROOT.resolve("examples/hello-deployment.yaml"))
                .replace("        image: jk8s/http:1.0\n", "        image: jk8s/http:1.0\n        env: [{name: VERSION, value: \"2\"}]\n"));
        AtomicInteger requests = new AtomicInteger();
        Map<String, Long> failures = new TreeMap<>();
        // a steady client, one request every 10 ms at most, not a load test competing for the 2 cores
        ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
        client.scheduleWithFixedDelay(() -> {
            requests.incrementAndGet();
            try {
                ServiceTraffic.get("127.0.0.1", NODE_PORT);
            } catch (IOException e) {
                synchronized (failures) {
                    failures.merge(e.toString(), 1L, Long::sum);
                }
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        try {
            cluster.jctl("apply", "-f", v2.toString()).ok();
            cluster.jctl("rollout", "status", "deployment/hello", "--timeout", "180s").ok();
        } finally {
            client.shutdown();
            assertThat(client.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(helloPods()).hasSize(3).doesNotContainAnyElementsOf(before);
        assertThat(requests.get()).isGreaterThan(100);
        synchronized (failures) {
            assertThat(failures).as("out of %d requests", requests.get()).isEmpty();
        }
    }

    @Test
    @Order(4)
    void undoGoesBackToThePreviousTemplate() {
        cluster.jctl("rollout", "undo", "deployment/hello").ok();
        cluster.jctl("rollout", "status", "deployment/hello", "--timeout", "180s").ok();

        // the template's env is gone (the last-applied annotation keeps it, as kubectl's undo leaves it)
        assertThat(cluster.jctl("get", "deployment", "hello", "-o", "yaml").ok().out()).doesNotContain("name: VERSION");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> answers(30).keySet().equals(helloPods()));
    }

    @Test
    @Order(5)
    void theReplicasOfANodeWhoseKubeletIsKilledAreRecreatedOnTheOtherNode() throws Exception {
        String lost = cluster.node(2);
        String kept = cluster.node(1);
        assertThat(nodesOfHelloPods()).contains(lost);

        ProcessHandle.of(cluster.pid("node-2")).orElseThrow().destroyForcibly(); // SIGKILL of its kubelet (and proxy)

        // the Node goes unknown after the grace period (40 s), then the pods' own tolerationSeconds pass
        await().ignoreExceptions().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> readyHelloPodsOn(kept) == 3);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> answers(30).keySet().equals(helloPodsOn(kept)));
        cluster.cluster(Duration.ofMinutes(2), "up", "node-2").ok();
    }

    @Test
    @Order(6)
    void anApiserverKilledAndStartedAgainLosesNothingAndTheClusterConverges() throws Exception {
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> !cluster.jctl("get", "pods", "-A").out().contains("Terminating"));
        Map<String, List<String>> before = objects();

        ProcessHandle.of(cluster.pid("apiserver")).orElseThrow().destroyForcibly();
        cluster.cluster(Duration.ofMinutes(2), "up", "apiserver").ok();

        assertThat(objects()).isEqualTo(before);
        cluster.jctl("scale", "deployment/hello", "--replicas=4").ok();
        cluster.jctl("rollout", "status", "deployment/hello", "--timeout", "120s").ok();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> answers(60).keySet().equals(helloPods()) && helloPods().size() == 4);
    }

    /**
     * Manifests exactly as the Kubernetes documentation writes them (Deployments, Running Pods,
     * Connecting Applications with Services), with the local web image tagged as the nginx they name.
     */
    @Test
    @Order(7)
    void manifestsFromTheKubernetesDocumentationWorkUnchanged() throws Exception {
        List<String> tagged = new ArrayList<>();
        try {
            for (String image : List.of("nginx:1.14.2", "nginx:latest")) {
                if (HOST.run(List.of("docker", "images", "-q", image), null).isBlank()) {
                    HOST.run(List.of("docker", "tag", "jk8s/http:1.0", image), null);
                    tagged.add(image);
                }
            }
            String docs = BinCluster.ROOT.resolve("e2e/src/test/resources/kubernetes-docs").toString();
            cluster.jctl("apply", "-f", docs).ok();
            cluster.jctl("rollout", "status", "deployment/nginx-deployment", "--timeout", "120s").ok();
            cluster.jctl("rollout", "status", "deployment/my-nginx", "--timeout", "120s").ok();
            String ip = cluster.jctl("get", "service", "my-nginx").ok().out().lines().skip(1).findFirst().orElseThrow()
                    .split("\\s+")[2];
            Set<String> myNginx = cluster.jctl("get", "pods", "-l", "run=my-nginx", "-o", "name").ok().out().lines()
                    .map(l -> l.substring(l.indexOf('/') + 1)).collect(Collectors.toSet());

            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ServiceTraffic.fromHost(ip, 80, 20).keySet().equals(myNginx));
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> cluster.jctl("get", "pod", "nginx").out().contains("Running"));
            cluster.jctl("delete", "-f", docs).ok();
        } finally {
            for (String image : tagged) {
                HOST.run(List.of("docker", "rmi", image), null); // the tag only; jk8s/http stays
            }
        }
    }

    @Test
    @Order(8)
    void deletingANamespaceDeletesEverythingInIt() throws Exception {
        cluster.jctl("apply", "-f", "examples/namespace/").ok();
        cluster.jctl("rollout", "status", "deployment/storefront", "-n", "shop", "--timeout", "120s").ok();
        assertThat(containers("jk8s.dev/pod-namespace=shop")).isNotEmpty();

        cluster.jctl("delete", "namespace", "shop").ok();

        await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> cluster.jctl("get", "namespace", "shop").code() != 0);
        assertThat(cluster.jctl("get", "namespace", "shop").out()).contains("namespaces \"shop\" not found");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> containers("jk8s.dev/pod-namespace=shop").isEmpty());
    }

    /**
     * A process in a pod calls the apiserver with the token, CA and namespace mounted into it:
     * jctl, run by the host's Java through hostPath volumes (no registry here to pull a JRE image
     * from), at the apiserver's address on the Docker bridge. It has exactly what the account's
     * bindings grant: nothing, then pods (view) but not Secrets.
     */
    @Test
    @Order(9)
    void aPodUsesItsMountedTokenWithExactlyTheRightsItsBindingsGive() throws Exception {
        cluster.jctl("create", "namespace", "team").ok();
        Path manifest = Files.createTempFile(cluster.runDir, "reader", ".yaml");
        Files.writeString(manifest, readerPod());
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> cluster.jctl("apply", "-f", manifest.toString()).code() == 0);
        String user = "system:serviceaccount:team:default";
        await().atMost(Duration.ofSeconds(90)).until(() -> readerLog().contains("pods is forbidden: User \"" + user
                + "\" cannot list resource \"pods\" in API group \"\" in the namespace \"team\""));
        assertThat(readerLog()).contains("namespace: team");

        cluster.jctl("create", "rolebinding", "team-view", "--clusterrole=view", "--serviceaccount=team:default", "-n", "team").ok();

        await().atMost(Duration.ofSeconds(60)).until(() -> readerLog().contains("done"));
        String log = readerLog();
        assertThat(log).containsPattern("(?m)^reader\\s+1/1\\s+Running");
        assertThat(log).contains("secrets is forbidden: User \"" + user + "\" cannot list resource \"secrets\"");
        cluster.jctl("delete", "namespace", "team").ok();
    }

    private String readerLog() {
        return cluster.jctl("logs", "reader", "-n", "team").out();
    }

    /** The pod: the host's JDK, its libraries and jctl's jar mounted read-only; a shell loop until allowed. */
    private String readerPod() throws Exception {
        String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
        String bridge = HOST.run(List.of("ip", "-4", "-o", "addr", "show", "docker0"), null).split("\\s+")[3].split("/")[0];
        String jar = BinCluster.ROOT.resolve("ctl/target").toString();
        String script = "D=/var/run/secrets/kubernetes.io/serviceaccount; "
                + "J=\"" + javaHome + "/bin/java -Xmx64m -jar /opt/jctl/jk8s-ctl-0.1.0-SNAPSHOT-all.jar --server " + bridge + ":"
                + cluster.apiserverPort() + " --certificate-authority $D/ca.crt --token $(cat $D/token)\"; "
                + "echo namespace: $(cat $D/namespace); until $J get pods -n team; do sleep 2; done; "
                + "$J get secrets -n team; echo done; sleep 3600";
        StringBuilder configMounts = new StringBuilder();
        StringBuilder configVolumes = new StringBuilder();
        int i = 0;
        for (String dir : jdkConfigDirs(Path.of(javaHome))) {
            configMounts.append("    - {name: conf-%d, mountPath: %s, readOnly: true}\n".formatted(i, dir));
            configVolumes.append("  - {name: conf-%d, hostPath: {path: %s}}\n".formatted(i++, dir));
        }
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: reader, namespace: team}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    command: ["sh", "-c", "%s"]
                    volumeMounts:
                    - {name: jdk, mountPath: %s, readOnly: true}
                    - {name: libs, mountPath: /lib/x86_64-linux-gnu, readOnly: true}
                    - {name: lib64, mountPath: /lib64, readOnly: true}
                    - {name: jctl, mountPath: /opt/jctl, readOnly: true}
                %s  volumes:
                  - {name: jdk, hostPath: {path: %s}}
                  - {name: libs, hostPath: {path: /usr/lib/x86_64-linux-gnu}}
                  - {name: lib64, hostPath: {path: /usr/lib64}}
                  - {name: jctl, hostPath: {path: %s}}
                %s""".formatted(script.replace("\"", "\\\""), javaHome, configMounts, javaHome, jar, configVolumes);
    }

    /** The directories outside the JDK that its links point into (Debian keeps its java.security and cacerts in /etc). */
    private static List<String> jdkConfigDirs(Path javaHome) throws Exception {
        List<Path> dirs;
        try (var files = Files.walk(javaHome)) {
            dirs = files.filter(Files::isSymbolicLink).map(ClusterE2EIT::linkTarget)
                    .filter(t -> t.isAbsolute() && !t.startsWith(javaHome)).map(Path::getParent).distinct()
                    .sorted(Comparator.comparing(Path::getNameCount)).toList();
        }
        List<Path> outermost = new ArrayList<>();
        dirs.stream().filter(d -> outermost.stream().noneMatch(d::startsWith)).forEach(outermost::add);
        return outermost.stream().map(Path::toString).toList();
    }

    private static Path linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(10)
    void downLeavesNoProcessNoContainerAndNoRuleAndNoLogHoldsAToken() throws Exception {
        Set<String> tokens = tokens();
        List<Long> pids = new ArrayList<>();
        for (String c : List.of("etcd", "apiserver", "scheduler", "controller-manager", "node-1", "node-2")) {
            pids.add(cluster.pid(c));
        }

        cluster.cluster(Duration.ofMinutes(3), "down").ok();

        assertThat(pids).noneMatch(ClusterE2EIT::running);
        assertThat(containers("jk8s.dev/node=" + cluster.node(1))).isEmpty();
        assertThat(containers("jk8s.dev/node=" + cluster.node(2))).isEmpty();
        assertThat(Footprint.of(HOST, new ServiceRange("10.96.0.0/12", HOST))).isEmpty();
        // least privilege that still suffices: no component was refused anything all along
        assertThat(Files.readAllLines(cluster.runDir.resolve("audit.log")))
                .filteredOn(l -> l.contains("\"result\":\"Forbidden\""))
                .noneMatch(l -> l.contains("\"user\":\"system:kube-") || l.contains("\"user\":\"system:node:"));
        List<Path> logs = logFiles();
        assertThat(logs).extracting(p -> p.getFileName().toString()).contains("apiserver.log", "audit.log", "node-1.log");
        for (Path log : logs) {
            String text = Files.readString(log);
            assertThat(tokens).as("tokens in %s", log).noneMatch(text::contains);
        }
    }

    /**
     * Every credential of the cluster: the identities' tokens, the bootstrap token, the nodes'
     * credentials and the ServiceAccounts' tokens.
     */
    private Set<String> tokens() throws Exception {
        Set<String> tokens = new HashSet<>();
        try (var files = Files.walk(cluster.runDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".token")).toList()) {
                tokens.add(Files.readString(f).strip());
            }
        }
        JsonNode secrets = new ObjectMapper()
                .readTree(cluster.jctl("get", "secrets", "-A", "-o", "json").ok().out());
        for (JsonNode s : secrets.path("items")) {
            if (s.path("type").asText().equals("kubernetes.io/service-account-token")) {
                tokens.add(new String(Base64.getDecoder().decode(s.path("data").path("token").asText())));
            }
        }
        assertThat(tokens).hasSizeGreaterThan(6).allMatch(t -> t.length() >= 20);
        return tokens;
    }

    /** The components' logs and the audit log (with its rotated files). */
    private List<Path> logFiles() throws Exception {
        try (var files = Files.walk(cluster.runDir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(".*\\.log(\\.\\d+)?")).toList();
        }
    }

    private Map<String, Long> answers(int n) {
        return ServiceTraffic.fromHost("127.0.0.1", NODE_PORT, n);
    }

    /** The hello pods not being deleted, by name. */
    private Set<String> helloPods() {
        return helloPodLines().stream().map(l -> l.split("\\s+")[0]).collect(Collectors.toSet());
    }

    private Set<String> helloPodsOn(String node) {
        return helloPodLines().stream().filter(l -> l.contains(" " + node)).map(l -> l.split("\\s+")[0])
                .collect(Collectors.toSet());
    }

    private long readyHelloPodsOn(String node) {
        return helloPodLines().stream().filter(l -> l.contains(" " + node) && l.split("\\s+")[1].equals("1/1")).count();
    }

    private Set<String> nodesOfHelloPods() {
        return helloPodLines().stream().map(l -> l.split("\\s+")[6]).collect(Collectors.toSet());
    }

    /** {@code get pods -o wide} rows of the hello pods, without those terminating. */
    private List<String> helloPodLines() {
        return cluster.jctl("get", "pods", "-l", "app=hello", "-o", "wide").ok().out().lines().skip(1)
                .filter(l -> !l.contains("Terminating")).toList();
    }

    /** Every object the user could have lost, by kind: {@code get KIND -A -o name}. */
    private Map<String, List<String>> objects() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String kind : List.of("namespaces", "nodes", "deployments", "replicasets", "pods", "services", "endpoints",
                "configmaps", "serviceaccounts", "secrets")) {
            out.put(kind, cluster.jctl("get", kind, "-A", "-o", "name").ok().out().lines().sorted().toList());
        }
        return out;
    }

    /** Whether {@code pid} runs: exists and is not a zombie (an exited child its new parent has not reaped yet). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }

    private static List<String> containers(String label) throws Exception {
        return HOST.run(List.of("docker", "ps", "-aq", "--filter", "label=" + label), null).lines().toList();
    }
}
