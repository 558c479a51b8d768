package dev.jk8s.api;

import static dev.jk8s.api.Manifests.decodeOne;
import static dev.jk8s.api.Manifests.defaulted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.api.core.ResourceRequirements;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Manifests as the Kubernetes documentation writes them decode unchanged; bad ones say what is wrong and where. */
class ManifestDecodingTest {

    /** From https://kubernetes.io/docs/concepts/workloads/controllers/deployment/ */
    static final String NGINX_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: nginx-deployment
              labels:
                app: nginx
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: nginx
              template:
                metadata:
                  labels:
                    app: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.14.2
                    ports:
                    - containerPort: 80
            """;

    /** From https://kubernetes.io/docs/concepts/services-networking/service/ */
    static final String MY_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: my-service
            spec:
              selector:
                app.kubernetes.io/name: MyApp
              ports:
                - protocol: TCP
                  port: 80
                  targetPort: 9376
            """;

    /** The same page: a pod naming its port, and a service targeting that name, in one file. */
    static final String POD_AND_NAMED_PORT_SERVICE = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: nginx
              labels:
                app.kubernetes.io/name: proxy
            spec:
              containers:
              - name: nginx
                image: nginx:stable
                ports:
                  - containerPort: 80
                    name: http-web-svc

            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: nginx-service
            spec:
              selector:
                app.kubernetes.io/name: proxy
              ports:
              - name: name-of-service-port
                protocol: TCP
                port: 80
                targetPort: http-web-svc
            """;

    /** As in https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/, unquoted. */
    static final String FRONTEND_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: frontend
            spec:
              containers:
              - name: app
                image: images.my-company.example/app:v4
                resources:
                  requests:
                    memory: 64Mi
                    cpu: 250m
                  limits:
                    memory: "128Mi"
                    cpu: 500m
              - name: log-aggregator
                image: images.my-company.example/log-aggregator:v6
                resources:
                  limits:
                    cpu: 1
            """;

    static final String FRONTEND_REPLICA_SET = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: frontend
              labels:
                app: guestbook
                tier: frontend
            spec:
              replicas: 3
              selector:
                matchLabels:
                  tier: frontend
                matchExpressions:
                  - {key: tier, operator: In, values: [frontend]}
                  - {key: environment, operator: NotIn, values: [dev]}
              template:
                metadata:
                  labels:
                    tier: frontend
                spec:
                  containers:
                  - name: php-redis
                    image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
            """;

    /** From https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/ */
    static final String NGINX_REPLICATION_CONTROLLER = """
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: nginx
            spec:
              replicas: 3
              selector:
                app: nginx
              template:
                metadata:
                  name: nginx
                  labels:
                    app: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    ports:
                    - containerPort: 80
            """;

    static final String JSON_POD = """
            {
              "apiVersion": "v1",
              "kind": "Pod",
              "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
              "spec": {
                "containers": [{"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 8080}]}]
              }
            }
            """;

    @Test
    void decodesTheDocumentationsNginxDeployment() {
        Deployment d = (Deployment) decodeOne(NGINX_DEPLOYMENT);

        assertThat(d.apiVersion()).isEqualTo("apps/v1");
        assertThat(d.metadata().name()).isEqualTo("nginx-deployment");
        assertThat(d.spec().replicas()).isEqualTo(3);
        assertThat(d.spec().selector().matchLabels()).containsExactly(Map.entry("app", "nginx"));
        assertThat(d.spec().template().metadata().labels()).containsExactly(Map.entry("app", "nginx"));
        Container nginx = d.spec().template().spec().containers().get(0);
        assertThat(nginx.name()).isEqualTo("nginx");
        assertThat(nginx.image()).isEqualTo("nginx:1.14.2");
        assertThat(nginx.ports().get(0).containerPort()).isEqualTo(80);
    }

    @Test
    void decodesANumericTargetPort() {
        Service s = (Service) decodeOne(MY_SERVICE);

        assertThat(s.spec().selector()).containsExactly(Map.entry("app.kubernetes.io/name", "MyApp"));
        ServicePort port = s.spec().ports().get(0);
        assertThat(port.protocol()).isEqualTo("TCP");
        assertThat(port.port()).isEqualTo(80);
        assertThat(port.targetPort()).isEqualTo(IntOrString.of(9376));
        assertThat(port.targetPort().isInt()).isTrue();
    }

    @Test
    void decodesEveryDocumentOfAFileWithANamedTargetPort() {
        List<Codec.Document> docs = Codec.readManifests(POD_AND_NAMED_PORT_SERVICE, "service.yaml");

        assertThat(docs).allMatch(Codec.Document::ok).hasSize(2);
        Pod pod = (Pod) docs.get(0).object();
        Service service = (Service) docs.get(1).object();
        assertThat(pod.spec().containers().get(0).ports().get(0).name()).isEqualTo("http-web-svc");
        assertThat(service.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of("http-web-svc"));
        assertThat(service.spec().ports().get(0).name()).isEqualTo("name-of-service-port");
        assertThat(docs.get(1).where()).isEqualTo("service.yaml, document 2");
    }

    @Test
    void emptyDocumentsAreSkippedAsKubectlSkipsThem() {
        List<Codec.Document> docs = Codec.readManifests("---\n" + MY_SERVICE + "\n---\n\n---\n", "service.yaml");

        assertThat(docs).hasSize(1).allMatch(Codec.Document::ok);
    }

    @Test
    void decodesResourceQuantitiesWrittenAsStringsOrNumbers() {
        Pod pod = (Pod) decodeOne(FRONTEND_POD);

        ResourceRequirements app = pod.spec().containers().get(0).resources();
        assertThat(app.requests().get("cpu").millis()).isEqualTo(250);
        assertThat(app.requests().get("memory").value()).isEqualTo(64L * 1024 * 1024);
        assertThat(app.limits().get("cpu")).isEqualTo(Quantity.parse("500m"));
        assertThat(app.limits().get("memory")).hasToString("128Mi");
        Quantity oneCpu = pod.spec().containers().get(1).resources().limits().get("cpu");
        assertThat(oneCpu.millis()).isEqualTo(1000);
        assertThat(oneCpu).isEqualTo(Quantity.parse("1000m"));
    }

    @Test
    void decodesASelectorWithExpressions() {
        ReplicaSet rs = (ReplicaSet) decodeOne(FRONTEND_REPLICA_SET);

        LabelSelector selector = rs.spec().selector();
        assertThat(selector.matchExpressions()).containsExactly(
                new LabelSelector.Requirement("tier", "In", List.of("frontend")),
                new LabelSelector.Requirement("environment", "NotIn", List.of("dev")));
        assertThat(selector.matches(Map.of("tier", "frontend"))).isTrue();
        assertThat(selector.matches(Map.of("tier", "frontend", "environment", "dev"))).isFalse();
    }

    @Test
    void decodesTheDocsReplicationControllerWithAPlainMapSelector() {
        ReplicationController rc = (ReplicationController) decodeOne(NGINX_REPLICATION_CONTROLLER);

        assertThat(rc.apiVersion()).isEqualTo("v1");
        assertThat(rc.spec().replicas()).isEqualTo(3);
        assertThat(rc.spec().selector()).isEqualTo(Map.of("app", "nginx"));
        assertThat(rc.spec().template().metadata().labels()).isEqualTo(Map.of("app", "nginx"));
        assertThat(rc.spec().template().spec().containers().get(0).ports().get(0).containerPort()).isEqualTo(80);
        assertThat(Kinds.REPLICATION_CONTROLLER.validator().validate(defaulted(rc))).isEmpty();
    }

    @Test
    void aReplicationControllerSelectorIsNotALabelSelector() {
        List<Codec.Document> docs = Codec.readManifests(NGINX_REPLICATION_CONTROLLER.replace(
                "    app: nginx\n  template", "    matchLabels: {app: nginx}\n  template"), "rc.yaml");

        assertThat(docs.get(0).error()).isNotNull();
        assertThat(docs.get(0).error().getMessage()).contains("spec.selector.matchLabels");
    }

    @Test
    void decodesJson() {
        Pod pod = (Pod) decodeOne(JSON_POD);
        Pod viaBytes = Codec.decode(JSON_POD.getBytes(StandardCharsets.UTF_8), Kinds.POD);

        assertThat(pod.spec().containers().get(0).ports().get(0).containerPort()).isEqualTo(8080);
        assertThat(viaBytes).isEqualTo(pod);
    }

    /** The shapes of https://kubernetes.io/docs/tasks/configure-pod-container/attach-handler-lifecycle-event/ */
    @Test
    void decodesEachLifecycleHandler() {
        Pod pod = (Pod) decodeOne("""
                apiVersion: v1
                kind: Pod
                metadata: {name: lifecycle-demo}
                spec:
                  containers:
                  - name: exec
                    image: nginx
                    lifecycle:
                      postStart:
                        exec:
                          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
                      preStop:
                        exec:
                          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
                  - name: http
                    image: nginx
                    lifecycle: {preStop: {httpGet: {path: /shutdown, port: 8080, host: 127.0.0.1, scheme: HTTPS}}}
                  - name: sleep
                    image: nginx
                    lifecycle: {preStop: {sleep: {seconds: 5}}}
                """);
        List<Container> cs = pod.spec().containers();

        assertThat(cs.get(0).postStart().exec().command()).containsExactly("/bin/sh", "-c",
                "echo Hello from the postStart handler > /usr/share/message");
        assertThat(cs.get(0).preStop().exec().command()).hasSize(3);
        assertThat(cs.get(1).preStop().httpGet()).satisfies(get -> {
            assertThat(get.path()).isEqualTo("/shutdown");
            assertThat(get.port()).isEqualTo(IntOrString.of(8080));
            assertThat(get.host()).isEqualTo("127.0.0.1");
            assertThat(get.scheme()).isEqualTo("HTTPS");
        });
        assertThat(cs.get(2).preStop().sleep().seconds()).isEqualTo(5L);
        assertThat(cs.get(2).postStart()).isNull();
        assertThat(Codec.decode(Codec.encode(pod))).isEqualTo(pod);
    }

    @Test
    void expandsAList() {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: settings, namespace: default}
                  data: {mode: fast}
                - apiVersion: v1
                  kind: Namespace
                  metadata: {name: team-a}
                """;

        List<Codec.Document> docs = Codec.readManifests(list, "list.yaml");

        assertThat(docs).extracting(d -> d.object().kind()).containsExactly("ConfigMap", "Namespace");
        assertThat(((ConfigMap) docs.get(0).object()).data()).containsEntry("mode", "fast");
    }

    // ---- errors ----

    @Test
    void anUnknownFieldIsNamedByItsFullPath() {
        String typo = NGINX_DEPLOYMENT.replace("replicas: 3", "replicass: 3");

        Codec.Document doc = Codec.readManifests(typo, "web.yaml").get(0);

        assertThat(doc.ok()).isFalse();
        assertThat(doc.error().reason()).isEqualTo(Reason.BAD_REQUEST);
        assertThat(doc.error().getMessage()).isEqualTo("web.yaml, document 1: deployments \"nginx-deployment\": "
                + "spec.replicass: unknown field \"replicass\"; check its spelling and indentation");
    }

    @Test
    void anUnknownFieldDeepInsideIsNamedByItsFullPath() {
        String typo = NGINX_DEPLOYMENT.replace("- containerPort: 80", "- containerPrt: 80");

        Codec.Document doc = Codec.readManifests(typo, "web.yaml").get(0);

        assertThat(doc.error().getMessage()).contains("spec.template.spec.containers[0].ports[0].containerPrt");
        assertThat(doc.error().causes()).extracting(FieldError::field)
                .containsExactly("spec.template.spec.containers[0].ports[0].containerPrt");
    }

    @Test
    void anUnknownKindListsTheKnownOnes() {
        String unknown = NGINX_DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnt");

        Codec.Document doc = Codec.readManifests(unknown, "web.yaml").get(0);

        assertThat(doc.error().getMessage()).contains("no kind \"Deploymnt\" is known (object \"nginx-deployment\")")
                .contains("known kinds: Namespace, Node, ").contains(" Deployment, ");
    }

    @Test
    void aWrongApiVersionSaysWhichOneToUse() {
        String wrong = NGINX_DEPLOYMENT.replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1");

        Codec.Document doc = Codec.readManifests(wrong, "web.yaml").get(0);

        assertThat(doc.error().getMessage()).contains("Deployment \"nginx-deployment\": apiVersion "
                + "\"extensions/v1beta1\" is not served for this kind; use apiVersion: apps/v1");
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheExpectedType() {
        String wrong = NGINX_DEPLOYMENT.replace("replicas: 3", "replicas: three");

        Codec.Document doc = Codec.readManifests(wrong, "web.yaml").get(0);

        assertThat(doc.error().getMessage())
                .endsWith("deployments \"nginx-deployment\": spec.replicas: wrong type: expected an integer");
        assertThat(doc.error().causes()).extracting(FieldError::field).containsExactly("spec.replicas");
    }

    @Test
    void aBadQuantityNamesTheField() {
        String wrong = FRONTEND_POD.replace("cpu: 250m", "cpu: lots");

        Codec.Document doc = Codec.readManifests(wrong, "pod.yaml").get(0);

        assertThat(doc.error().getMessage()).contains("spec.containers[0].resources.requests.cpu")
                .contains("quantity \"lots\" is not valid");
    }

    @Test
    void malformedYamlSaysWhere() {
        String broken = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n   namespace: bad-indent\n";

        List<Codec.Document> docs = Codec.readManifests(broken, "bad.yaml");

        assertThat(docs).singleElement().satisfies(d -> assertThat(d.error().getMessage())
                .startsWith("bad.yaml, document 1: the file is not valid YAML or JSON").contains("line 5"));
    }

    @Test
    void aFailingDocumentDoesNotStopTheNextOnes() {
        String file = MY_SERVICE + "---\n" + NGINX_DEPLOYMENT.replace("replicas: 3", "replicas: three") + "---\n"
                + FRONTEND_POD;

        List<Codec.Document> docs = Codec.readManifests(file, "app.yaml");

        assertThat(docs).extracting(Codec.Document::ok).containsExactly(true, false, true);
        assertThat(docs.get(1).error().getMessage()).startsWith("app.yaml, document 2: ");
        assertThat(docs.get(2).object()).isInstanceOf(Pod.class);
    }

    @Test
    void decodingBytesOfAnotherKindIsRefused() {
        byte[] json = JSON_POD.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Codec.decode(json, Kinds.SERVICE)).isInstanceOf(ApiException.class)
                .hasMessageContaining("expected kind Service but the object is a Pod");
    }

    // ---- round trips ----

    static Stream<Arguments> manifests() {
        return Stream.of(
                Arguments.of(named("nginx deployment", NGINX_DEPLOYMENT)),
                Arguments.of(named("service", MY_SERVICE)),
                Arguments.of(named("frontend pod", FRONTEND_POD)),
                Arguments.of(named("replica set with expressions", FRONTEND_REPLICA_SET)),
                Arguments.of(named("replication controller", NGINX_REPLICATION_CONTROLLER)),
                Arguments.of(named("json pod", JSON_POD)),
                Arguments.of(named("pod with lifecycle hooks", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web, namespace: default}
                        spec:
                          terminationGracePeriodSeconds: 20
                          containers:
                          - name: web
                            image: nginx:1.25
                            ports: [{name: http, containerPort: 80}]
                            lifecycle:
                              postStart: {httpGet: {path: /warm, port: http, httpHeaders: [{name: X-Hook, value: start}]}}
                              preStop: {exec: {command: [sh, -c, "nginx -s quit; sleep 2"]}}
                          - name: side
                            image: busybox
                            lifecycle: {preStop: {sleep: {seconds: 5}}}
                          - name: zero
                            image: busybox
                            lifecycle: {preStop: {sleep: {seconds: 0}}}
                        """)),
                Arguments.of(named("event", """
                        apiVersion: v1
                        kind: Event
                        metadata: {name: web.17b, namespace: default}
                        involvedObject: {kind: Pod, namespace: default, name: web, uid: 7d1c, fieldPath: "spec.containers{web}"}
                        reason: Pulled
                        message: Container image "nginx:1.25" already present on machine
                        source: {component: kubelet, host: node-1}
                        firstTimestamp: "2024-01-31T12:00:00Z"
                        lastTimestamp: "2024-01-31T12:05:00Z"
                        count: 3
                        type: Normal
                        """)),
                Arguments.of(named("node with status", """
                        apiVersion: v1
                        kind: Node
                        metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
                        spec: {podCIDR: 10.244.1.0/24, taints: [{key: node.kubernetes.io/not-ready, effect: NoExecute,
                               timeAdded: "2024-01-31T12:00:00Z"}]}
                        status:
                          capacity: {cpu: "4", memory: 8Gi, pods: "110"}
                          allocatable: {cpu: 3800m, memory: 7Gi, pods: "110"}
                          conditions:
                          - {type: Ready, status: "True", lastHeartbeatTime: "2024-01-31T12:00:00Z",
                             lastTransitionTime: "2024-01-31T11:00:00Z", reason: KubeletReady, message: kubelet is posting ready status}
                          addresses: [{type: InternalIP, address: 127.0.0.1}, {type: Hostname, address: node-1}]
                          nodeInfo: {kubeletVersion: v0.1.0, operatingSystem: linux, architecture: amd64}
                        """)),
                Arguments.of(named("pod with status", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web, namespace: default}
                        spec: {nodeName: node-1, containers: [{name: web, image: "nginx:1.25"}]}
                        status:
                          phase: Running
                          conditions: [{type: Ready, status: "True", lastProbeTime: null, lastTransitionTime: "2024-01-31T12:00:00Z"}]
                          hostIP: 127.0.0.1
                          podIP: 172.17.0.5
                          podIPs: [{ip: 172.17.0.5}]
                          startTime: "2024-01-31T11:59:58Z"
                          containerStatuses:
                          - name: web
                            state: {running: {startedAt: "2024-01-31T12:00:00Z"}}
                            lastState: {terminated: {exitCode: 137, reason: OOMKilled, finishedAt: "2024-01-31T11:59:59Z"}}
                            ready: true
                            restartCount: 1
                            image: nginx:1.25
                            imageID: docker://sha256:abc
                            containerID: docker://0123
                            started: true
                          qosClass: BestEffort
                        """)),
                Arguments.of(named("lease", """
                        apiVersion: coordination.k8s.io/v1
                        kind: Lease
                        metadata: {name: kube-scheduler, namespace: kube-system}
                        spec:
                          holderIdentity: scheduler-1_4f2c
                          leaseDurationSeconds: 15
                          acquireTime: "2024-01-31T12:00:00.000000Z"
                          renewTime: "2024-01-31T12:00:10.123456Z"
                          leaseTransitions: 2
                        """)),
                Arguments.of(named("terminating namespace", """
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: team-a, deletionTimestamp: "2026-12-04T10:00:00Z"}
                        spec: {finalizers: [kubernetes]}
                        status:
                          phase: Terminating
                          conditions:
                          - type: NamespaceFinalizersRemaining
                            status: "True"
                            lastTransitionTime: "2026-12-04T10:00:01Z"
                            reason: SomeFinalizersRemain
                            message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances'
                        """)));
    }

    @Test
    void aNamespaceKeepsItsConditionsWhenDefaulted() {
        Namespace ns = (Namespace) defaulted(decodeOne("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a}
                status:
                  conditions: [{type: NamespaceContentRemaining, status: "False", reason: ContentRemoved}]
                """));

        assertThat(ns.status().phase()).isEqualTo("Active");
        assertThat(ns.status().conditions()).extracting(Condition::reason).containsExactly("ContentRemoved");
        assertThat(new Namespace(ns.metadata()).status().conditions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void encodingThenDecodingGivesTheSameObject(String manifest) {
        ApiObject object = decodeOne(manifest);
        ApiObject withDefaults = defaulted(object);

        assertThat(Codec.decode(Codec.encode(object))).isEqualTo(object);
        assertThat(Codec.decode(Codec.encode(withDefaults))).isEqualTo(withDefaults);
        assertThat(decodeOne(Codec.toYaml(withDefaults))).isEqualTo(withDefaults);
    }

    @Test
    void emptyStringsInMapsSurviveEncoding() {
        ConfigMap cm = new ConfigMap(ObjectMeta.builder().name("c").namespace("default")
                .labels(Map.of("tier", "")).build(), Map.of("empty", ""));

        assertThat(Codec.decode(Codec.encode(cm))).isEqualTo(cm);
    }
}
