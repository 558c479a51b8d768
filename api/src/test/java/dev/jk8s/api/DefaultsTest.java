package dev.jk8s.api;

import static dev.jk8s.api.Manifests.decodeOne;
import static dev.jk8s.api.Manifests.defaulted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStrategy;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Event;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.PodSpecDefaults;
import dev.jk8s.api.core.Probe;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' default values, filled in before validation and storage. */
class DefaultsTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports: [{containerPort: 80}]
                env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
                resources: {limits: {cpu: 500m}, requests: {memory: 64Mi}}
                livenessProbe: {httpGet: {port: 80}}
                readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 3}
                volumeMounts: [{name: config, mountPath: /etc/web}]
              volumes: [{name: config, configMap: {name: web}}]
            """;

    @Test
    void fillsAPodSpec() {
        PodSpec spec = ((Pod) defaulted(decodeOne(POD))).spec();

        assertThat(spec.restartPolicy()).isEqualTo("Always");
        assertThat(spec.terminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(spec.dnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(spec.schedulerName()).isEqualTo("default-scheduler");
        assertThat(spec.serviceAccountName()).isEqualTo("default");
        assertThat(spec.volumes().get(0).configMap().defaultMode()).isEqualTo(0644);
    }

    @Test
    void fillsAContainer() {
        Container c = ((Pod) defaulted(decodeOne(POD))).spec().containers().get(0);

        assertThat(c.imagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(c.terminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(c.terminationMessagePolicy()).isEqualTo("File");
        assertThat(c.ports().get(0).protocol()).isEqualTo("TCP");
        assertThat(c.ports().get(0).hostPort()).isNull();
        assertThat(c.env().get(0).valueFrom().fieldRef().apiVersion()).isEqualTo("v1");
        assertThat(c.resources().requests()).containsExactly(
                Map.entry("memory", Quantity.parse("64Mi")), Map.entry("cpu", Quantity.parse("500m")));
    }

    @Test
    void fillsProbes() {
        Container c = ((Pod) defaulted(decodeOne(POD))).spec().containers().get(0);

        Probe liveness = c.livenessProbe();
        assertThat(liveness.timeoutSeconds()).isEqualTo(1);
        assertThat(liveness.periodSeconds()).isEqualTo(10);
        assertThat(liveness.successThreshold()).isEqualTo(1);
        assertThat(liveness.failureThreshold()).isEqualTo(3);
        assertThat(liveness.initialDelaySeconds()).isNull();
        assertThat(liveness.httpGet().path()).isEqualTo("/");
        assertThat(liveness.httpGet().scheme()).isEqualTo("HTTP");
        assertThat(c.readinessProbe().periodSeconds()).isEqualTo(3);
        assertThat(c.startupProbe()).isNull();
    }

    @Test
    void fillsTheHttpGetOfALifecycleHookAsOfAProbe() {
        Container c = ((Pod) defaulted(decodeOne("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
                    lifecycle: {postStart: {exec: {command: [true]}}, preStop: {httpGet: {port: 80}}}
                """))).spec().containers().get(0);

        assertThat(c.preStop().httpGet().path()).isEqualTo("/");
        assertThat(c.preStop().httpGet().scheme()).isEqualTo("HTTP");
        assertThat(c.postStart().exec().command()).containsExactly("true");
    }

    @Test
    void leavesThePodsStatusToTheServer() {
        Pod pod = (Pod) defaulted(decodeOne(POD));

        assertThat(pod.status()).isEqualTo(dev.jk8s.api.core.PodStatus.EMPTY);
    }

    @Test
    void hostNetworkPublishesContainerPortsOnTheHost() {
        PodSpec spec = PodSpecDefaults.apply(PodSpec.builder().hostNetwork(true).containers(java.util.List.of(
                Container.builder().name("web").image("nginx").ports(java.util.List.of(
                        dev.jk8s.api.core.ContainerPort.of(8080))).build())).build());

        assertThat(spec.containers().get(0).ports().get(0).hostPort()).isEqualTo(8080);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.25, IfNotPresent",
            "localhost:5000/web, Always",
            "localhost:5000/web:v1, IfNotPresent",
            "registry.example/team/web:latest, Always",
            "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31, IfNotPresent"})
    void pullsImagesThatMayChangeAlways(String image, String policy) {
        assertThat(PodSpecDefaults.pullPolicy(image)).isEqualTo(policy);
    }

    @Test
    void neverOverridesWhatIsSet() {
        Pod pod = (Pod) decodeOne(POD.replace("image: nginx:1.25", "image: nginx\n    imagePullPolicy: Never")
                + "  restartPolicy: OnFailure\n  schedulerName: gpu-scheduler\n");

        Pod d = defaulted(pod);

        assertThat(d.spec().containers().get(0).imagePullPolicy()).isEqualTo("Never");
        assertThat(d.spec().restartPolicy()).isEqualTo("OnFailure");
        assertThat(d.spec().schedulerName()).isEqualTo("gpu-scheduler");
    }

    @Test
    void fillsADeploymentAndItsTemplate() {
        Deployment d = (Deployment) defaulted(decodeOne(ManifestDecodingTest.NGINX_DEPLOYMENT.replace(
                "  replicas: 3\n", "")));

        assertThat(d.spec().replicas()).isEqualTo(1);
        assertThat(d.spec().strategy().type()).isEqualTo(DeploymentStrategy.ROLLING_UPDATE);
        assertThat(d.spec().strategy().rollingUpdate().maxUnavailable()).isEqualTo(IntOrString.of("25%"));
        assertThat(d.spec().strategy().rollingUpdate().maxSurge()).isEqualTo(IntOrString.of("25%"));
        assertThat(d.spec().revisionHistoryLimit()).isEqualTo(10);
        assertThat(d.spec().progressDeadlineSeconds()).isEqualTo(600);
        assertThat(d.spec().template().spec().restartPolicy()).isEqualTo("Always");
        assertThat(d.spec().template().spec().containers().get(0).imagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void aRecreateDeploymentGetsNoRollingUpdate() {
        Deployment d = (Deployment) defaulted(decodeOne(ManifestDecodingTest.NGINX_DEPLOYMENT
                + "  strategy: {type: Recreate}\n"));

        assertThat(d.spec().strategy()).isEqualTo(new DeploymentStrategy("Recreate", null));
    }

    @Test
    void fillsAReplicaSetAndItsTemplate() {
        ReplicaSet rs = (ReplicaSet) defaulted(decodeOne(ManifestDecodingTest.FRONTEND_REPLICA_SET.replace(
                "  replicas: 3\n", "")));

        assertThat(rs.spec().replicas()).isEqualTo(1);
        assertThat(rs.spec().template().spec().dnsPolicy()).isEqualTo("ClusterFirst");
    }

    @Test
    void aReplicationControllerTakesItsSelectorAndLabelsFromItsTemplate() {
        ReplicationController rc = (ReplicationController) defaulted(decodeOne(
                ManifestDecodingTest.NGINX_REPLICATION_CONTROLLER.replace("  replicas: 3\n", "")
                        .replace("  selector:\n    app: nginx\n", "")));

        assertThat(rc.spec().replicas()).isEqualTo(1);
        assertThat(rc.spec().selector()).isEqualTo(Map.of("app", "nginx"));
        assertThat(rc.metadata().labels()).isEqualTo(Map.of("app", "nginx"));
        assertThat(rc.spec().template().spec().dnsPolicy()).isEqualTo("ClusterFirst");
    }

    @Test
    void aReplicationControllersOwnSelectorAndLabelsAreKept() {
        ReplicationController rc = (ReplicationController) defaulted(decodeOne("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: web, labels: {team: a}}
                spec:
                  selector: {app: web}
                  template:
                    metadata: {labels: {app: web, tier: front}}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                """));

        assertThat(rc.spec().selector()).isEqualTo(Map.of("app", "web"));
        assertThat(rc.metadata().labels()).isEqualTo(Map.of("team", "a"));
    }

    @Test
    void fillsAService() {
        Service s = (Service) defaulted(decodeOne("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  ports: [{name: http, port: 80}, {name: dns, port: 53, protocol: UDP, targetPort: dns-udp}]
                """));

        assertThat(s.spec().type()).isEqualTo("ClusterIP");
        assertThat(s.spec().sessionAffinity()).isEqualTo("None");
        assertThat(s.spec().internalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(s.spec().externalTrafficPolicy()).isNull();
        assertThat(s.spec().ports()).containsExactly(
                new ServicePort("http", "TCP", null, 80, IntOrString.of(80), null),
                new ServicePort("dns", "UDP", null, 53, IntOrString.of("dns-udp"), null));
    }

    @Test
    void mergesStringDataIntoASecret() {
        Secret s = (Secret) defaulted(decodeOne("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: default}
                data: {username: YWRtaW4=, password: b2xk}
                stringData: {password: "s3cr3t!"}
                """));

        assertThat(s.type()).isEqualTo("Opaque");
        assertThat(s.stringData()).isEmpty();
        assertThat(s.bytes("password")).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("s3cr3t!"));
        assertThat(s.bytes("username")).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("admin"));
    }

    @Test
    void fillsAnEventAndANamespace() {
        Event e = (Event) defaulted(decodeOne("""
                apiVersion: v1
                kind: Event
                metadata: {name: web.1, namespace: default}
                involvedObject: {kind: Pod, name: web}
                reason: Started
                """));
        Namespace ns = (Namespace) defaulted(decodeOne("apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}"));

        assertThat(e.type()).isEqualTo("Normal");
        assertThat(e.count()).isEqualTo(1);
        assertThat(ns.status().phase()).isEqualTo("Active");
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of(named("pod", POD)),
                Arguments.of(named("deployment", ManifestDecodingTest.NGINX_DEPLOYMENT)),
                Arguments.of(named("replica set", ManifestDecodingTest.FRONTEND_REPLICA_SET)),
                Arguments.of(named("replication controller", ManifestDecodingTest.NGINX_REPLICATION_CONTROLLER)),
                Arguments.of(named("service", ManifestDecodingTest.MY_SERVICE)),
                Arguments.of(named("secret", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}")),
                Arguments.of(named("endpoints", "apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\n"
                        + "subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]")),
                Arguments.of(named("event", "apiVersion: v1\nkind: Event\nmetadata: {name: e}\nreason: X")),
                Arguments.of(named("namespace", "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void defaultingTwiceIsDefaultingOnce(String manifest) {
        ApiObject once = defaulted(decodeOne(manifest));

        assertThat(defaulted(once)).isEqualTo(once);
    }
}
