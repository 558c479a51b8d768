package dev.jk8s.api;

import static dev.jk8s.api.Manifests.decodeOne;
import static dev.jk8s.api.Manifests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation as the apiserver applies it: decode, default, then check metadata and the kind's
 * rules. Each invalid case must be reported on exactly the field at fault, and only there.
 */
class ValidationTest {

    private static String object(String apiVersion, String kind, String body) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: web, namespace: default}\n" + body;
    }

    private static String pod(String spec) {
        return object("v1", "Pod", "spec:\n" + spec.indent(2));
    }

    /** A pod with one container {@code web} running nginx, plus the given container fields. */
    private static String container(String fields) {
        return pod("containers:\n- name: web\n  image: nginx:1.25\n" + fields.indent(2));
    }

    private static final String SELECTOR = "selector: {matchLabels: {app: web}}\n";
    private static final String TEMPLATE = """
            template:
              metadata: {labels: {app: web}}
              spec:
                containers: [{name: web, image: "nginx:1.25"}]
            """;

    private static String deployment(String spec) {
        return object("apps/v1", "Deployment", "spec:\n" + spec.indent(2));
    }

    private static String replicaSet(String spec) {
        return object("apps/v1", "ReplicaSet", "spec:\n" + spec.indent(2));
    }

    private static String replicationController(String spec) {
        return object("v1", "ReplicationController", "spec:\n" + spec.indent(2));
    }

    private static String service(String spec) {
        return object("v1", "Service", "spec:\n" + spec.indent(2));
    }

    private static Arguments invalid(String name, String manifest, String field, String message) {
        return Arguments.of(named(name, manifest), field, message);
    }

    static Stream<Arguments> invalidObjects() {
        return Stream.of(
                // ---- pods ----
                invalid("pod without containers", pod("containers: []"), "spec.containers", "Required value"),
                invalid("container without image", pod("containers: [{name: web}]"),
                        "spec.containers[0].image", "Required value"),
                invalid("container name not a DNS label", pod("containers: [{name: Web_1, image: nginx}]"),
                        "spec.containers[0].name", "RFC 1123 label"),
                invalid("container name used by an init container too", pod("""
                        containers: [{name: web, image: nginx}]
                        initContainers: [{name: web, image: busybox}]
                        """), "spec.initContainers[0].name", "Duplicate value: \"web\""),
                invalid("containerPort out of range", container("ports: [{containerPort: 70000}]"),
                        "spec.containers[0].ports[0].containerPort", "must be between 1 and 65535, inclusive"),
                invalid("hostPort out of range", container("ports: [{containerPort: 80, hostPort: 65536}]"),
                        "spec.containers[0].ports[0].hostPort", "must be between 1 and 65535, inclusive"),
                invalid("port name longer than 15", container("ports: [{name: metrics-endpoint-1, containerPort: 80}]"),
                        "spec.containers[0].ports[0].name", "must be no more than 15 characters"),
                invalid("port names repeated", container("""
                        ports: [{name: http, containerPort: 80}, {name: http, containerPort: 8080}]
                        """), "spec.containers[0].ports[1].name", "Duplicate value: \"http\""),
                invalid("port protocol unknown", container("ports: [{containerPort: 80, protocol: HTTP}]"),
                        "spec.containers[0].ports[0].protocol", "Unsupported value: \"HTTP\""),
                invalid("restartPolicy unknown", pod("""
                        restartPolicy: Sometimes
                        containers: [{name: web, image: nginx}]
                        """), "spec.restartPolicy", "supported values: \"Always\", \"OnFailure\", \"Never\""),
                invalid("imagePullPolicy unknown", container("imagePullPolicy: Sometimes"),
                        "spec.containers[0].imagePullPolicy", "Unsupported value: \"Sometimes\""),
                invalid("request above limit", container("resources: {requests: {cpu: 1}, limits: {cpu: 500m}}"),
                        "spec.containers[0].resources.requests[cpu]", "must be less than or equal to cpu limit of 500m"),
                invalid("negative request", container("resources: {requests: {memory: -64Mi}}"),
                        "spec.containers[0].resources.requests[memory]", "must be greater than or equal to 0"),
                invalid("volume names repeated", pod("""
                        containers: [{name: web, image: nginx}]
                        volumes: [{name: data, emptyDir: {}}, {name: data, emptyDir: {}}]
                        """), "spec.volumes[1].name", "Duplicate value: \"data\""),
                invalid("volume without a source", pod("""
                        containers: [{name: web, image: nginx}]
                        volumes: [{name: data}]
                        """), "spec.volumes[0]", "must specify a volume type"),
                invalid("volume with two sources", pod("""
                        containers: [{name: web, image: nginx}]
                        volumes: [{name: data, emptyDir: {}, configMap: {name: settings}}]
                        """), "spec.volumes[0].configMap", "may not specify more than 1 volume type"),
                invalid("mount of an unknown volume", container("volumeMounts: [{name: data, mountPath: /data}]"),
                        "spec.containers[0].volumeMounts[0].name", "Not found: \"data\""),
                invalid("projected path escapes the volume", pod("""
                        containers: [{name: web, image: nginx}]
                        volumes: [{name: tls, secret: {secretName: tls, items: [{key: tls.key, path: ../key}]}}]
                        """), "spec.volumes[0].secret.items[0].path", "must not contain '..'"),
                invalid("probe without a handler", container("livenessProbe: {periodSeconds: 5}"),
                        "spec.containers[0].livenessProbe", "must specify a handler type"),
                invalid("probe with two handlers", container("""
                        readinessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}}
                        """), "spec.containers[0].readinessProbe", "may not specify more than 1 handler type"),
                invalid("probe with negative period", container("livenessProbe: {tcpSocket: {port: 80}, periodSeconds: -1}"),
                        "spec.containers[0].livenessProbe.periodSeconds", "must be greater than or equal to 0"),
                invalid("probe port neither number nor name", container("livenessProbe: {httpGet: {port: Http_Port}}"),
                        "spec.containers[0].livenessProbe.httpGet.port", "alpha-numeric characters"),
                invalid("preStop without a handler", container("lifecycle: {preStop: {}}"),
                        "spec.containers[0].lifecycle.preStop",
                        "Required value: must specify a handler type: one of `exec`, `httpGet` or `sleep`"),
                invalid("preStop with two handlers", container("lifecycle: {preStop: {exec: {command: [sh]}, sleep: {seconds: 2}}}"),
                        "spec.containers[0].lifecycle.preStop", "Forbidden: may not specify more than 1 handler type"),
                invalid("preStop exec without a command", container("lifecycle: {preStop: {exec: {command: []}}}"),
                        "spec.containers[0].lifecycle.preStop.exec.command", "Required value"),
                invalid("preStop sleep of negative seconds", container("lifecycle: {preStop: {sleep: {seconds: -1}}}"),
                        "spec.containers[0].lifecycle.preStop.sleep.seconds",
                        "Invalid value: -1: must be greater than or equal to 0"),
                invalid("preStop sleep without seconds", container("lifecycle: {preStop: {sleep: {}}}"),
                        "spec.containers[0].lifecycle.preStop.sleep.seconds", "Required value"),
                invalid("preStop httpGet port out of range", container("lifecycle: {preStop: {httpGet: {port: 0}}}"),
                        "spec.containers[0].lifecycle.preStop.httpGet.port",
                        "Invalid value: 0: must be between 1 and 65535, inclusive"),
                invalid("preStop httpGet without a port", container("lifecycle: {preStop: {httpGet: {path: /drain}}}"),
                        "spec.containers[0].lifecycle.preStop.httpGet.port", "Required value"),
                invalid("preStop tcpSocket", container("lifecycle: {preStop: {tcpSocket: {port: 80}}}"),
                        "spec.containers[0].lifecycle.preStop.tcpSocket",
                        "Forbidden: not supported as a lifecycle handler; use `exec`, `httpGet` or `sleep`"),
                invalid("postStart httpGet scheme unknown", container("lifecycle: {postStart: {httpGet: {port: 80, scheme: FTP}}}"),
                        "spec.containers[0].lifecycle.postStart.httpGet.scheme", "Unsupported value: \"FTP\""),
                invalid("lifecycle of an init container", pod("""
                        containers: [{name: web, image: nginx}]
                        initContainers: [{name: init, image: busybox, lifecycle: {preStop: {sleep: {seconds: 1}}}}]
                        """), "spec.initContainers[0].lifecycle", "Forbidden: may not be set for init containers"),
                invalid("env var without name", container("env: [{value: x}]"),
                        "spec.containers[0].env[0].name", "Required value"),
                invalid("env var from an unknown pod field", container("""
                        env: [{name: X, valueFrom: {fieldRef: {fieldPath: spec.color}}}]
                        """), "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath", "Unsupported value: \"spec.color\""),
                invalid("toleration effect unknown", pod("""
                        containers: [{name: web, image: nginx}]
                        tolerations: [{key: gpu, operator: Exists, effect: NoWay}]
                        """), "spec.tolerations[0].effect", "Unsupported value: \"NoWay\""),
                // ---- replica sets and deployments ----
                invalid("negative replicas", deployment(SELECTOR + TEMPLATE + "replicas: -1"),
                        "spec.replicas", "must be greater than or equal to 0"),
                invalid("deployment without selector", deployment(TEMPLATE), "spec.selector", "Required value"),
                invalid("deployment with empty selector", deployment("selector: {}\n" + TEMPLATE),
                        "spec.selector", "empty selector is invalid for deployment"),
                invalid("selector does not match the template", deployment("selector: {matchLabels: {app: db}}\n" + TEMPLATE),
                        "spec.template.metadata.labels", "`selector` does not match template `labels`"),
                invalid("template pod that does not restart", deployment(SELECTOR + TEMPLATE + "    restartPolicy: Never"),
                        "spec.template.spec.restartPolicy", "Unsupported value: \"Never\": supported values: \"Always\""),
                invalid("template container without image", deployment(SELECTOR + """
                        template:
                          metadata: {labels: {app: web}}
                          spec: {containers: [{name: web}]}
                        """), "spec.template.spec.containers[0].image", "Required value"),
                invalid("strategy type unknown", deployment(SELECTOR + TEMPLATE + "strategy: {type: BlueGreen}"),
                        "spec.strategy.type", "Unsupported value: \"BlueGreen\""),
                invalid("rolling update that cannot move", deployment(SELECTOR + TEMPLATE
                        + "strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"),
                        "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"),
                invalid("maxUnavailable above 100%", deployment(SELECTOR + TEMPLATE
                        + "strategy: {rollingUpdate: {maxUnavailable: 150%}}"),
                        "spec.strategy.rollingUpdate.maxUnavailable", "must not be greater than 100%"),
                invalid("maxSurge neither count nor percentage", deployment(SELECTOR + TEMPLATE
                        + "strategy: {rollingUpdate: {maxSurge: lots}}"),
                        "spec.strategy.rollingUpdate.maxSurge", "a valid percent string"),
                invalid("rollingUpdate with Recreate", deployment(SELECTOR + TEMPLATE
                        + "strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}"),
                        "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"),
                invalid("replica set expression without values", replicaSet("""
                        selector: {matchExpressions: [{key: app, operator: In}]}
                        """ + TEMPLATE), "spec.selector.matchExpressions[0].values", "Required value"),
                invalid("replica set selector does not match", replicaSet("selector: {matchLabels: {app: db}}\n" + TEMPLATE),
                        "spec.template.metadata.labels", "`selector` does not match template `labels`"),
                // ---- replication controllers (the ReplicaSet rules, a plain map selector) ----
                invalid("replication controller selector does not match", replicationController(
                        "selector: {app: db}\n" + TEMPLATE),
                        "spec.template.metadata.labels", "`selector` does not match template `labels`"),
                invalid("replication controller without selector or template labels", replicationController("""
                        template:
                          spec: {containers: [{name: web, image: "nginx:1.25"}]}
                        """), "spec.selector", "Required value"),
                invalid("replication controller of -1 replicas", replicationController("replicas: -1\n" + TEMPLATE),
                        "spec.replicas", "must be greater than or equal to 0"),
                invalid("replication controller with negative minReadySeconds", replicationController(
                        "minReadySeconds: -5\n" + TEMPLATE), "spec.minReadySeconds", "must be greater than or equal to 0"),
                invalid("replication controller selector not a label", replicationController(
                        "selector: {app: web, \"bad key!\": x}\n" + TEMPLATE), "spec.selector",
                        "name part must consist of 1 to 63 alphanumeric characters"),
                invalid("replication controller pods that stop on their own", replicationController("""
                        template:
                          metadata: {labels: {app: web}}
                          spec:
                            restartPolicy: Never
                            containers: [{name: web, image: "nginx:1.25"}]
                        """), "spec.template.spec.restartPolicy", "Unsupported value: \"Never\""),
                // ---- services ----
                invalid("service without ports", service("selector: {app: web}"), "spec.ports", "Required value"),
                invalid("service port 0", service("ports: [{port: 0}]"),
                        "spec.ports[0].port", "must be between 1 and 65535, inclusive"),
                invalid("second port without a name", service("ports: [{name: http, port: 80}, {port: 443}]"),
                        "spec.ports[1].name", "Required value"),
                invalid("service port names repeated", service("ports: [{name: http, port: 80}, {name: http, port: 8080}]"),
                        "spec.ports[1].name", "Duplicate value: \"http\""),
                invalid("targetPort out of range", service("ports: [{port: 80, targetPort: 70000}]"),
                        "spec.ports[0].targetPort", "must be between 1 and 65535, inclusive"),
                invalid("targetPort not an IANA name", service("ports: [{port: 80, targetPort: http_web}]"),
                        "spec.ports[0].targetPort", "alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
                invalid("nodePort on a ClusterIP service", service("ports: [{port: 80, nodePort: 30080}]"),
                        "spec.ports[0].nodePort", "Forbidden: may not be used when `type` is 'ClusterIP'"),
                invalid("nodePort outside the range", service("type: NodePort\nports: [{port: 80, nodePort: 8080}]"),
                        "spec.ports[0].nodePort", "The range of valid ports is 30000-32767"),
                invalid("service type unknown", service("type: Ingress\nports: [{port: 80}]"),
                        "spec.type", "Unsupported value: \"Ingress\""),
                invalid("clusterIP not an address", service("clusterIP: 10.0.0.300\nports: [{port: 80}]"),
                        "spec.clusterIP", "must be a valid IPv4 address"),
                invalid("ExternalName without a name", service("type: ExternalName"),
                        "spec.externalName", "Required value"),
                invalid("service name not a DNS label",
                        "apiVersion: v1\nkind: Service\nmetadata: {name: web.v2, namespace: default}\n"
                                + "spec: {ports: [{port: 80}]}", "metadata.name", "RFC 1123 label"),
                // ---- the other kinds ----
                invalid("namespace name not a DNS label", "apiVersion: v1\nkind: Namespace\nmetadata: {name: Team_A}",
                        "metadata.name", "RFC 1123 label"),
                invalid("namespace inside a namespace",
                        "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, namespace: default}",
                        "metadata.namespace", "Forbidden: not allowed on this type"),
                invalid("taint effect unknown", "apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n"
                        + "spec: {taints: [{key: gpu, effect: NoEntry}]}", "spec.taints[0].effect",
                        "Unsupported value: \"NoEntry\""),
                invalid("lease of no duration", object("coordination.k8s.io/v1", "Lease",
                        "spec: {holderIdentity: a, leaseDurationSeconds: 0}"),
                        "spec.leaseDurationSeconds", "must be greater than 0"),
                invalid("event about nothing", object("v1", "Event", "reason: Started"),
                        "involvedObject", "Required value"),
                invalid("event without reason", object("v1", "Event", "involvedObject: {kind: Pod, name: web}"),
                        "reason", "Required value"),
                invalid("event type unknown", object("v1", "Event",
                        "involvedObject: {kind: Pod, name: web}\nreason: Failed\ntype: Error"),
                        "type", "supported values: \"Normal\", \"Warning\""),
                invalid("endpoint address not IPv4", object("v1", "Endpoints",
                        "subsets: [{addresses: [{ip: 300.1.2.3}], ports: [{port: 80}]}]"),
                        "subsets[0].addresses[0].ip", "must be a valid IPv4 address"),
                invalid("endpoint port 0", object("v1", "Endpoints",
                        "subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 0}]}]"),
                        "subsets[0].ports[0].port", "must be between 1 and 65535, inclusive"),
                invalid("secret value not base64", object("v1", "Secret", "data: {password: not base64!}"),
                        "data[password]", "must be valid base64"),
                invalid("secret key not a file name", object("v1", "Secret", "stringData: {a/b: x}"),
                        "data", "a valid config key"),
                invalid("config map key not a file name", object("v1", "ConfigMap", "data: {a/b: x}"),
                        "data", "a valid config key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void reportsTheFieldAtFault(String manifest, String field, String message) {
        List<FieldError> errors = validate(decodeOne(manifest));

        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).contains(message);
    }

    @Test
    void reportsEveryFailingFieldAtOnce() {
        String manifest = deployment("""
                replicas: -2
                selector: {matchLabels: {app: web}}
                template:
                  metadata: {labels: {app: api}}
                  spec:
                    restartPolicy: OnFailure
                    containers:
                    - name: web
                      ports: [{containerPort: 0, protocol: ICMP}]
                    - name: web
                      image: nginx
                      volumeMounts: [{name: cache, mountPath: /cache}]
                """);

        List<FieldError> errors = validate(decodeOne(manifest));

        assertThat(errors).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: \"app=api\": `selector` does not match template `labels`",
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 0: "
                        + "must be between 1 and 65535, inclusive",
                "spec.template.spec.containers[0].ports[0].protocol: Unsupported value: \"ICMP\": "
                        + "supported values: \"TCP\", \"UDP\", \"SCTP\"",
                "spec.template.spec.containers[1].name: Duplicate value: \"web\"",
                "spec.template.spec.containers[1].volumeMounts[0].name: Not found: \"cache\"",
                "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"");
    }

    @Test
    void aSecretValueNeverAppearsInAMessage() {
        List<FieldError> errors = validate(decodeOne(object("v1", "Secret", "data: {password: hunter2!}")));

        assertThat(errors).singleElement().extracting(FieldError::message).asString()
                .doesNotContain("hunter2").contains("<secret value>");
    }

    static Stream<Arguments> validObjects() {
        return Stream.of(
                Arguments.of(named("pod with everything", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web, namespace: default, labels: {app: web}}
                        spec:
                          volumes:
                          - {name: config, configMap: {name: web-config, items: [{key: nginx.conf, path: nginx.conf}]}}
                          - {name: cache, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
                          - {name: tls, secret: {secretName: web-tls, defaultMode: 0400}}
                          - {name: logs, hostPath: {path: /var/log/web, type: DirectoryOrCreate}}
                          initContainers:
                          - {name: init, image: "busybox:1.36", command: [sh, -c, "echo ready"]}
                          containers:
                          - name: web
                            image: nginx:1.25
                            ports: [{name: http, containerPort: 80}, {name: metrics, containerPort: 9090, protocol: TCP}]
                            env:
                            - {name: MODE, value: production}
                            - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                            - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
                            - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
                            envFrom: [{prefix: CFG_, configMapRef: {name: web-config}}]
                            resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}
                            volumeMounts:
                            - {name: config, mountPath: /etc/nginx, readOnly: true}
                            - {name: cache, mountPath: /cache}
                            livenessProbe: {httpGet: {path: /healthz, port: http}, initialDelaySeconds: 3}
                            readinessProbe: {tcpSocket: {port: 80}, successThreshold: 2}
                            startupProbe: {exec: {command: [cat, /tmp/ready]}, failureThreshold: 30}
                            lifecycle:
                              postStart: {exec: {command: [sh, -c, "echo started > /cache/started"]}}
                              preStop: {httpGet: {path: /drain, port: http}}
                          - {name: sidecar, image: "busybox", args: [sleep, infinity], lifecycle: {preStop: {sleep: {seconds: 0}}}}
                          nodeSelector: {disktype: ssd}
                          tolerations:
                          - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
                          - {operator: Exists, effect: NoExecute, tolerationSeconds: 300}
                          hostname: web-0
                          subdomain: web
                        """)),
                Arguments.of(named("deployment", deployment(SELECTOR + TEMPLATE))),
                Arguments.of(named("recreate deployment", deployment(SELECTOR + TEMPLATE + "strategy: {type: Recreate}"))),
                Arguments.of(named("replica set with expressions", replicaSet("""
                        selector: {matchExpressions: [{key: app, operator: In, values: [web]}, {key: canary, operator: DoesNotExist}]}
                        """ + TEMPLATE))),
                Arguments.of(named("replication controller", replicationController(
                        "selector: {app: web}\n" + TEMPLATE))),
                Arguments.of(named("replication controller defaulting its selector", replicationController(TEMPLATE))),
                Arguments.of(named("service", service("selector: {app: web}\nports: [{port: 80, targetPort: 9376}]"))),
                Arguments.of(named("headless service", service("clusterIP: None\nports: [{name: http, port: 80}, "
                        + "{name: https, port: 443, targetPort: https}]"))),
                Arguments.of(named("node port service", service("type: NodePort\nports: [{port: 80, nodePort: 30080}]"))),
                Arguments.of(named("external name service", service("type: ExternalName\nexternalName: db.example.com"))),
                Arguments.of(named("namespace", "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}")),
                Arguments.of(named("node", "apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n"
                        + "spec: {podCIDR: 10.244.1.0/24, taints: [{key: gpu, value: \"true\", effect: NoSchedule}]}\n"
                        + "status: {capacity: {cpu: 4, memory: 8Gi, pods: 110}}")),
                Arguments.of(named("endpoints", object("v1", "Endpoints",
                        "subsets: [{addresses: [{ip: 127.0.0.2, nodeName: node-1}], ports: [{port: 9376}]}]"))),
                Arguments.of(named("service account", object("v1", "ServiceAccount",
                        "imagePullSecrets: [{name: registry}]\nautomountServiceAccountToken: false"))),
                Arguments.of(named("secret", object("v1", "Secret",
                        "data: {username: YWRtaW4=}\nstringData: {password: \"s3cr3t!\"}"))),
                Arguments.of(named("config map", object("v1", "ConfigMap", "data: {game.properties: \"lives=3\"}"))),
                Arguments.of(named("event", object("v1", "Event", """
                        involvedObject: {kind: Pod, namespace: default, name: web}
                        reason: Scheduled
                        message: Successfully assigned default/web to node-1
                        source: {component: default-scheduler}
                        """))),
                Arguments.of(named("lease", object("coordination.k8s.io/v1", "Lease",
                        "spec: {holderIdentity: scheduler-1, leaseDurationSeconds: 15, "
                                + "renewTime: \"2024-01-31T12:00:00.123456Z\"}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validObjects")
    void acceptsValidObjects(String manifest) {
        assertThat(validate(decodeOne(manifest))).isEmpty();
    }

    // ---- updates ----

    @Test
    void aDeploymentsSelectorIsImmutable() {
        ApiObject old = decodeOne(deployment(SELECTOR + TEMPLATE));
        ApiObject changed = decodeOne(deployment("selector: {matchLabels: {app: web, tier: front}}\n" + """
                template:
                  metadata: {labels: {app: web, tier: front}}
                  spec:
                    containers: [{name: web, image: "nginx:1.25"}]
                """));

        assertThat(Manifests.validateUpdate(changed, old)).extracting(FieldError::toString).containsExactly(
                "spec.selector: Invalid value: \"app=web,tier=front\": field is immutable");
    }

    @Test
    void aDeploymentUpdateThatKeepsTheSelectorIsValid() {
        ApiObject old = decodeOne(deployment(SELECTOR + TEMPLATE));
        ApiObject scaled = decodeOne(deployment(SELECTOR + TEMPLATE + "replicas: 5"));

        assertThat(Manifests.validateUpdate(scaled, old)).isEmpty();
    }

    @Test
    void aReplicaSetsSelectorIsImmutable() {
        ApiObject old = decodeOne(replicaSet(SELECTOR + TEMPLATE));
        ApiObject changed = decodeOne(replicaSet("selector: {matchExpressions: [{key: app, operator: Exists}]}\n"
                + TEMPLATE));

        assertThat(Manifests.validateUpdate(changed, old)).extracting(FieldError::field).containsExactly("spec.selector");
    }

    @Test
    void anEmptyReplicationControllerIsInvalidOnEveryFieldAtFault() {
        List<FieldError> errors = validate(decodeOne(replicationController("replicas: 1")));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("spec.selector",
                "spec.template.spec.containers");
    }

    @Test
    void anEmptyTemplateDoesNotMatchTheSelector() {
        List<FieldError> errors = validate(decodeOne(replicationController("selector: {app: web}")));

        assertThat(errors).extracting(FieldError::toString).contains(
                "spec.template.metadata.labels: Invalid value: \"\": `selector` does not match template `labels`");
        assertThat(errors).extracting(FieldError::field).contains("spec.template.spec.containers");
    }

    @Test
    void aReplicationControllersSelectorMayChangeAsInKubernetes() {
        ApiObject old = decodeOne(replicationController("selector: {app: web}\n" + TEMPLATE));
        ApiObject changed = decodeOne(replicationController("selector: {app: web, tier: front}\n" + """
                template:
                  metadata: {labels: {app: web, tier: front}}
                  spec:
                    containers: [{name: web, image: "nginx:1.25"}]
                """));

        assertThat(Manifests.validateUpdate(changed, old)).isEmpty();
        assertThat(validate(changed)).isEmpty();
    }

    @Test
    void anAllocatedClusterIpIsImmutable() {
        ApiObject old = decodeOne(service("clusterIP: 10.96.0.10\nports: [{port: 80}]"));
        ApiObject moved = decodeOne(service("clusterIP: 10.96.0.11\nports: [{port: 80}]"));
        ApiObject same = decodeOne(service("clusterIP: 10.96.0.10\nports: [{port: 8080}]"));

        assertThat(Manifests.validateUpdate(moved, old)).extracting(FieldError::toString).containsExactly(
                "spec.clusterIP: Invalid value: \"10.96.0.11\": field is immutable");
        assertThat(Manifests.validateUpdate(same, old)).isEmpty();
    }

    @Test
    void anImmutableSecretKeepsItsData() {
        ApiObject old = decodeOne(object("v1", "Secret", "immutable: true\ndata: {a: YQ==}"));
        ApiObject changed = decodeOne(object("v1", "Secret", "immutable: true\ndata: {a: Yg==}"));

        assertThat(Manifests.validateUpdate(changed, old)).extracting(FieldError::toString).containsExactly(
                "data: Forbidden: field is immutable when `immutable` is set");
    }
}
