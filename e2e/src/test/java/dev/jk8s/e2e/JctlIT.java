package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.ctl.Main;
import dev.jk8s.e2e.Jctl.Result;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.StandInKubeletLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jctl against a real apiserver and etcd: what an operator types, what they see, what is stored. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JctlIT {

    static EtcdServer etcd;
    static ApiServer apiserver;
    static ApiClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        etcd = new EtcdServer().start();
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
        client = ApiClient.connect("127.0.0.1:" + apiserver.port());
    }

    @AfterAll
    static void stop() {
        client.close();
        apiserver.close();
        etcd.close();
    }

    private Result jctl(String... args) {
        return jctlAt("127.0.0.1:" + apiserver.port(), args);
    }

    private static Result jctlAt(String server, String... args) {
        return Jctl.run(server, args);
    }

    private Path manifest(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void applyCreatesThenReportsUnchangedThenConfiguresAndRemovesDroppedFields() throws IOException {
        Path f = manifest("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  a: '1'\n  b: '2'\n");
        assertThat(jctl("apply", "-f", f.toString())).isEqualTo(new Result(0, "configmap/app-config created\n", ""));
        assertThat(jctl("apply", "-f", f.toString()).out()).isEqualTo("configmap/app-config unchanged\n");

        manifest("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  a: '10'\n");
        assertThat(jctl("apply", "-f", f.toString()).out()).isEqualTo("configmap/app-config configured\n");
        ConfigMap live = client.resource(Kinds.CONFIG_MAP).get("default", "app-config");
        assertThat(live.data()).containsExactly(java.util.Map.entry("a", "10"));
    }

    @Test
    void aBadDocumentIsReportedWithItsFieldAndTheOthersAreStillApplied() throws IOException {
        Path f = manifest("mixed.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good-one\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad-one\ndatta:\n  x: y\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Invalid_Name\n");
        Result r = jctl("apply", "-f", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("configmap/good-one created\n");
        assertThat(r.err()).contains("document 2").contains("unknown field \"datta\"")
                .contains("document 3").contains("metadata.name").doesNotContain("Exception");
        assertThat(client.resource(Kinds.CONFIG_MAP).list("default", ListOptions.fields("metadata.name=bad-one")).items())
                .isEmpty();
    }

    @Test
    void getPrintsAListOfObjectsAsAKubernetesList() throws IOException {
        jctl("apply", "-f", manifest("l.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: listed\n  labels: {set: l}\n")
                .toString());
        Result r = jctl("get", "configmaps", "-l", "set=l", "-o", "yaml");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("apiVersion: v1\nkind: List\nitems:\n").contains("name: listed")
                .contains("resourceVersion: \"");
    }

    @Test
    void whatGetPrintsAppliesAgainUnchanged() throws IOException {
        jctl("apply", "-f", manifest("r.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: roundtrip\ndata:\n  n: '42'\n")
                .toString());
        Path printed = manifest("printed.yaml", jctl("get", "configmap", "roundtrip", "-o", "yaml").out());
        assertThat(jctl("apply", "-f", printed.toString())).isEqualTo(new Result(0, "configmap/roundtrip unchanged\n", ""));
    }

    @Test
    void annotateWithAStaleResourceVersionIsAConflictAndChangesNothing() throws IOException {
        jctl("apply", "-f", manifest("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: annotated\n").toString());
        ConfigMap cm = client.resource(Kinds.CONFIG_MAP).get("default", "annotated");
        assertThat(jctl("annotate", "configmap", "annotated", "team=a").out()).isEqualTo("configmap/annotated annotated\n");

        Result stale = jctl("annotate", "configmap", "annotated", "team=b", "--overwrite",
                "--resource-version", cm.metadata().resourceVersion());
        assertThat(stale.code()).isEqualTo(1);
        assertThat(stale.err()).startsWith("error: Operation cannot be fulfilled on configmaps \"annotated\"");
        assertThat(client.resource(Kinds.CONFIG_MAP).get("default", "annotated").metadata().annotations())
                .containsEntry("team", "a");
    }

    @Test
    void getWatchPrintsTheListThenAnAddAndAModifyUntilInterrupted() throws Exception {
        jctl("apply", "-f", manifest("w0.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w-first\n  labels: {set: w}\n")
                .toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] code = {-1};
        Thread watcher = new Thread(() -> code[0] = Main.run(new String[] {"--server", "127.0.0.1:" + apiserver.port(),
                "get", "configmaps", "-l", "set=w", "-w"}, Jctl.environment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))));
        watcher.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> out.toString(StandardCharsets.UTF_8).contains("w-first"));

        jctl("apply", "-f", manifest("w1.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w-second\n  labels: {set: w}\n")
                .toString());
        jctl("apply", "-f", manifest("w1.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w-second\n  labels: {set: w}\n"
                + "data:\n  k: v\n").toString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("w-second")))
                        .hasSize(2)
                        .satisfies(rows -> assertThat(rows.get(0)).matches("w-second\\s+0\\s+.*"))
                        .satisfies(rows -> assertThat(rows.get(1)).matches("w-second\\s+1\\s+.*")));
        watcher.interrupt();
        watcher.join(20_000);
        assertThat(watcher.isAlive()).isFalse();
        assertThat(code[0]).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NAME      DATA   AGE\nw-first   0");
    }

    @Test
    void deleteRemovesTheObjectAndAMissingOneIsNotFound() throws IOException {
        jctl("apply", "-f", manifest("d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doomed\n").toString());
        assertThat(jctl("delete", "configmap", "doomed").out()).isEqualTo("configmap \"doomed\" deleted\n");
        Result again = jctl("delete", "configmap", "doomed");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("error: configmaps \"doomed\" not found\n");
    }

    @Test
    void unknownKindsAndUsageErrorsHaveTheirExitCodesAndMessages() {
        assertThat(jctl("get", "widgets")).isEqualTo(new Result(1, "",
                "error: the server doesn't have a resource type \"widgets\"\n"));
        Result usage = jctl("get", "configmaps", "-o", "xml");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).endsWith("See 'jctl get -h'\n");
        assertThat(jctl("scale", "configmap", "x", "--replicas", "2").err())
                .isEqualTo("error: cannot scale configmaps: only deployments, replicasets and replicationcontrollers can be scaled\n");
    }

    @Test
    void anApiserverThatWentAwayIsReportedWithTheHintAndNoStackTrace() throws IOException {
        ApiServer gone = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0));
        String address = "127.0.0.1:" + gone.port();
        assertThat(jctlAt(address, "get", "configmaps").code()).isZero();
        gone.close();

        assertThat(jctlAt(address, "get", "configmaps")).isEqualTo(new Result(1, "",
                "error: cannot reach the apiserver at " + address + ": is it running?"
                        + " Check with bin/cluster status, start it with bin/cluster up\n"));
    }

    @Test
    void describeShowsTheObjectAndTheEventsAboutIt() throws IOException {
        jctl("apply", "-f", manifest("d1.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: described\n"
                + "data:\n  k: v\n").toString());
        ConfigMap cm = client.resource(Kinds.CONFIG_MAP).get("default", "described");
        new dev.jk8s.client.events.EventRecorder(client.resource(Kinds.EVENT), "test-controller",
                java.time.Clock.systemUTC()).warning(cm, "Broken", "the config is not valid");

        Result r = jctl("describe", "configmap", "described");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Name:         described\nNamespace:    default\n")
                .contains("Data:\n  k: v\n")
                .containsPattern("Warning\\s+Broken\\s+\\S+\\s+test-controller\\s+the config is not valid");
        assertThat(jctl("describe", "configmap", "absent")).isEqualTo(new Result(1, "",
                "error: configmaps \"absent\" not found\n"));
    }

    @Test
    void anObjectInAMissingNamespaceIsRefusedWithAHint() throws IOException {
        Result r = jctl("apply", "-n", "nowhere", "-f",
                manifest("n.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lost\n").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("namespaces \"nowhere\" not found");
    }

    @Test
    void versionPrintsTheClientAndTheServerBuild() {
        Result r = jctl("version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("Client Version: (\\S+)\nServer Version: \\S+ \\(Java \\S+, \\S+/\\S+\\)\n");
        String client = r.out().lines().findFirst().orElseThrow().substring("Client Version: ".length());
        assertThat(r.out()).contains("Server Version: " + client + " ");
    }

    @Test
    void allNamespacesListsEveryNamespacesObjectsWithANamespaceColumn() throws IOException {
        jctl("apply", "-f", manifest("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-x\n").toString());
        jctl("apply", "-n", "team-x", "-f", manifest("x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: in-x\n").toString());
        jctl("apply", "-f", manifest("d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: in-default\n").toString());

        Result r = jctl("get", "cm", "-A");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("NAMESPACE").containsPattern("(?m)^team-x\\s+in-x\\s")
                .containsPattern("(?m)^default\\s+in-default\\s");
        assertThat(jctl("get", "cm", "-n", "team-x", "-o", "name").out()).isEqualTo("configmap/in-x\n");
    }

    @Test
    void logsComeFromThePodsKubeletThroughTheApiserver() throws Exception {
        StandInKubeletLogs logs = new StandInKubeletLogs();
        io.grpc.Server kubelet = io.grpc.netty.NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
                .addService(logs).build().start();
        try {
            jctl("apply", "-f", manifest("logs.yaml", """
                    apiVersion: v1
                    kind: Node
                    metadata: {name: log-node}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: talker}
                    spec:
                      nodeName: log-node
                      containers: [{name: app, image: jk8s/busybox:latest}, {name: side, image: jk8s/busybox:latest}]
                    """).toString());
            var nodes = client.resource(Kinds.NODE);
            var node = nodes.get(null, "log-node");
            var reported = (dev.jk8s.api.core.Node) dev.jk8s.testkit.TestObjects.parse("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: log-node}
                    status:
                      addresses: [{type: InternalIP, address: 127.0.0.1}]
                      daemonEndpoints: {kubeletEndpoint: {Port: %d}}
                    """.formatted(kubelet.getPort()));
            nodes.updateStatus(node.withStatus(reported.status()));

            assertThat(jctl("logs", "talker", "-c", "side", "--tail", "3")).isEqualTo(new Result(0, "log of default/talker/side\n", ""));
            assertThat(jctl("logs", "talker")).isEqualTo(new Result(0, "log of default/talker/app\n",
                    "Defaulted container \"app\" out of: app, side\n"));
            assertThat(logs.requests.get(0).getTailLines()).isEqualTo(3);
            assertThat(jctl("logs", "talker", "-c", "nope")).isEqualTo(new Result(1, "",
                    "error: container nope is not valid for pod talker\n"));
        } finally {
            kubelet.shutdownNow();
        }
    }

    @Test
    void drainEvictsTheNodesPodsAndWaitsUntilTheirKubeletHasStoppedThem() throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Node\nmetadata: {name: drained}\n");
        for (String pod : List.of("drained-1", "drained-2")) {
            yaml.append("""
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: %s
                      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: rs, uid: rs-uid, controller: true}]
                    spec:
                      nodeName: drained
                      terminationGracePeriodSeconds: 30
                      containers: [{name: app, image: jk8s/busybox:latest}]
                    """.formatted(pod));
        }
        assertThat(jctl("apply", "-f", manifest("drain.yaml", yaml.toString()).toString()).code()).isZero();
        var pods = client.resource(Kinds.POD);

        CompletableFuture<Result> drain = CompletableFuture.supplyAsync(() -> jctl("drain", "drained"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.list("default", ListOptions.fields("spec.nodeName=drained"))
                .items().stream().allMatch(p -> p.metadata().isTerminating()));
        assertThat(drain).isNotDone();
        for (String pod : List.of("drained-1", "drained-2")) { // what the node's kubelet does once the containers stopped
            pods.delete("default", pod, DeleteOptions.DEFAULT.withGracePeriod(0L));
        }

        assertThat(drain.get(30, TimeUnit.SECONDS)).isEqualTo(new Result(0, """
                node/drained cordoned
                evicting pod default/drained-1
                evicting pod default/drained-2
                pod/drained-1 evicted
                pod/drained-2 evicted
                node/drained drained
                """, ""));
        assertThat(client.resource(Kinds.NODE).get(null, "drained").spec().isUnschedulable()).isTrue();
    }

    @Test
    void rolloutStatusFollowsTheControllersStatusUntilTheRolloutCompletes() throws Exception {
        assertThat(jctl("apply", "-f", manifest("deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: rolling}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: rolling}}
                  template:
                    metadata: {labels: {app: rolling}}
                    spec: {containers: [{name: app, image: jk8s/busybox:latest}]}
                """).toString()).code()).isZero();
        var deployments = client.resource(Kinds.DEPLOYMENT);

        CompletableFuture<Result> status = CompletableFuture.supplyAsync(
                () -> jctl("rollout", "status", "deployment/rolling", "--timeout", "60s"));
        for (int available = 0; available <= 2; available++) { // what the Deployment controller reports as pods get ready
            Deployment d = deployments.get("default", "rolling");
            deployments.updateStatus(d.withStatus(new DeploymentStatus(d.metadata().generation(), 2, 2, available, available,
                    2 - available, List.of(), null)));
        }

        Result r = status.get(60, TimeUnit.SECONDS);
        assertThat(r.code()).isZero();
        assertThat(r.out()).endsWith("deployment \"rolling\" successfully rolled out\n");
        assertThat(r.out().lines()).allMatch(l -> l.equals("Waiting for deployment spec update to be observed...")
                || l.matches("Waiting for deployment \"rolling\" rollout to finish: [01] of 2 updated replicas are available...")
                || l.equals("deployment \"rolling\" successfully rolled out"));
        assertThat(jctl("rollout", "history", "deployment/rolling")).isEqualTo(new Result(0,
                "No rollout history found for deployment.apps/rolling.\n", ""));
    }
}
