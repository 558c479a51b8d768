package dev.jk8s.ctl.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.core.Event;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriberTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:10:00Z");

    @Test
    void aPodShowsWhereItRunsEachContainersStateAndWhyItIsStuck() {
        ApiObject pod = parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-1
                  namespace: default
                  creationTimestamp: 2026-11-25T12:00:00Z
                  labels: {app: web, tier: front}
                  annotations:
                    note: hello
                    kubectl.kubernetes.io/last-applied-configuration: '{}'
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, uid: u1, controller: true}]
                spec:
                  nodeName: n1
                  nodeSelector: {disk: ssd}
                  tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
                  containers:
                  - name: web
                    image: jk8s/busybox:latest
                    command: [sh, -c, exit 1]
                    ports: [{containerPort: 8080}]
                    env: [{name: MODE, value: prod}, {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: pw}}}]
                    resources: {limits: {memory: 64Mi}, requests: {cpu: 100m}}
                    volumeMounts: [{name: scratch, mountPath: /data}]
                  volumes: [{name: scratch, emptyDir: {}}]
                status:
                  phase: Running
                  hostIP: 127.0.0.1
                  podIP: 172.17.0.5
                  startTime: 2026-11-25T12:00:05Z
                  conditions:
                  - {type: Ready, status: "False", reason: ContainersNotReady, message: "containers with unready status: [web]"}
                  containerStatuses:
                  - name: web
                    ready: false
                    restartCount: 3
                    state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s restarting failed container}}
                    lastState: {terminated: {exitCode: 1, reason: Error, startedAt: 2026-11-25T12:08:00Z, finishedAt: 2026-11-25T12:08:01Z}}
                """);
        List<Event> events = List.of(event("b", "Warning", "BackOff", "Back-off restarting failed container", 3, "12:09:00"),
                event("a", "Normal", "Scheduled", "assigned to n1", 1, "12:00:00"));

        assertThat(Describer.describe(pod, events, NOW)).isEqualTo("""
                Name:         web-1
                Namespace:    default
                Labels:       app=web
                              tier=front
                Annotations:  note=hello
                Created:      2026-11-25T12:00:00Z (10m ago)
                Controlled By: ReplicaSet/web-5d4f
                Node:         n1/127.0.0.1
                Start Time:   2026-11-25T12:00:05Z
                Status:       CrashLoopBackOff
                IP:           172.17.0.5
                Containers:
                  web:
                    Image:          jk8s/busybox:latest
                    Command:        sh -c exit 1
                    Ports:          8080/TCP
                    State:          Waiting
                      Reason:       CrashLoopBackOff
                      Message:      back-off 40s restarting failed container
                    Last State:     Terminated
                      Reason:       Error
                      Exit Code:    1
                      Started:      2026-11-25T12:08:00Z
                      Finished:     2026-11-25T12:08:01Z
                    Ready:          False
                    Restart Count:  3
                    Limits:
                      memory:       64Mi
                    Requests:
                      cpu:          100m
                    Environment:    MODE=prod
                                    PASSWORD <set to the key 'pw' in secret 'creds'>
                    Mounts:         /data from scratch (rw)
                Volumes:
                  scratch:
                    Type:   EmptyDir (a temporary directory that shares a pod's lifetime)
                Node-Selectors:  disk=ssd
                Tolerations:     dedicated=web:NoSchedule
                Conditions:
                  Type   Status  Reason              Message
                  ----   ------  ------              -------
                  Ready  False   ContainersNotReady  containers with unready status: [web]
                Events:
                  Type     Reason     Age       From       Message
                  ----     ------     ---       ----       -------
                  Normal   Scheduled  10m       scheduler  assigned to n1
                  Warning  BackOff    60s (x3)  scheduler  Back-off restarting failed container
                """);
    }

    @Test
    void aDeploymentShowsItsReplicasStrategyAndTemplate() {
        ApiObject d = parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%, maxSurge: 1}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "jk8s/busybox:latest"}]}
                status: {observedGeneration: 1, replicas: 3, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 1}
                """);

        assertThat(Describer.describe(d, List.of(), NOW)).isEqualTo("""
                Name:         web
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>
                Selector:              app=web
                Replicas:              3 desired | 1 updated | 3 total | 2 available | 1 unavailable
                StrategyType:          RollingUpdate
                MinReadySeconds:       0
                RollingUpdateStrategy: 25% max unavailable, 1 max surge
                Pod Template:
                  metadata:
                    labels:
                      app: web
                  spec:
                    containers:
                    - name: web
                      image: jk8s/busybox:latest
                      resources: {}
                Events:       <none>
                """);
    }

    @Test
    void aNodeShowsItsTaintsAddressesResourcesAndSoftware() {
        ApiObject node = parse("""
                apiVersion: v1
                kind: Node
                metadata: {name: n1, labels: {node-role.kubernetes.io/worker: ""}}
                spec:
                  unschedulable: true
                  taints: [{key: dedicated, value: web, effect: NoSchedule}, {key: maintenance, effect: NoExecute}]
                status:
                  addresses: [{type: InternalIP, address: 127.0.0.1}, {type: Hostname, address: n1}]
                  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
                  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
                  nodeInfo: {kernelVersion: 6.1.0, osImage: Debian, containerRuntimeVersion: docker://26.1.5,
                    kubeletVersion: 0.1.0, operatingSystem: linux, architecture: amd64}
                  daemonEndpoints: {kubeletEndpoint: {Port: 10250}}
                  conditions: [{type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}]
                """);

        assertThat(Describer.describe(node, List.of(), NOW)).isEqualTo("""
                Name:         n1
                Labels:       node-role.kubernetes.io/worker=
                Annotations:  <none>
                Roles:        worker
                Taints:       dedicated=web:NoSchedule
                              maintenance:NoExecute
                Unschedulable: true
                Addresses:
                  InternalIP: 127.0.0.1
                  Hostname:   n1
                Capacity:
                  cpu:               4
                  memory:            8Gi
                  pods:              110
                Allocatable:
                  cpu:               4
                  memory:            8Gi
                  pods:              110
                System Info:
                  Kernel Version:            6.1.0
                  OS Image:                  Debian
                  Operating System:          linux
                  Architecture:              amd64
                  Container Runtime Version: docker://26.1.5
                  Kubelet Version:           0.1.0
                Kubelet Port: 10250
                Conditions:
                  Type   Status  Reason        Message
                  ----   ------  ------        -------
                  Ready  True    KubeletReady  kubelet is posting ready status
                Events:       <none>
                """);
    }

    @Test
    void anObjectWithoutEventsSaysSo() {
        ApiObject cm = Codec.readManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n"
                + "data: {k: v}\n", "t").get(0).object();
        assertThat(Describer.describe(cm, List.of(), NOW)).isEqualTo("""
                Name:         c
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>
                Data:
                  k: v
                Events:       <none>
                """);
    }

    @Test
    void aTerminatingNamespaceSaysWhatHoldsIt() {
        ApiObject ns = parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a, creationTimestamp: "2026-11-25T11:00:00Z", deletionTimestamp: "2026-11-25T11:58:00Z"}
                spec: {finalizers: [kubernetes]}
                status:
                  phase: Terminating
                  conditions:
                  - {type: NamespaceDeletionContentFailure, status: "False", reason: ContentDeleted,
                     message: "All content successfully deleted, may be waiting on finalization",
                     lastTransitionTime: "2026-11-25T11:58:01Z"}
                  - {type: NamespaceContentRemaining, status: "True", reason: SomeResourcesRemain,
                     message: "Some resources are remaining: configmaps has 1 resource instances",
                     lastTransitionTime: "2026-11-25T11:58:01Z"}
                  - {type: NamespaceFinalizersRemaining, status: "True", reason: SomeFinalizersRemain,
                     message: "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
                     lastTransitionTime: "2026-11-25T11:58:01Z"}
                """);
        assertThat(Describer.describe(ns, List.of(), NOW)).isEqualTo("""
                Name:         team-a
                Labels:       <none>
                Annotations:  <none>
                Created:      2026-11-25T11:00:00Z (70m ago)
                Terminating:  since 2026-11-25T11:58:00Z (grace period 0s)
                Spec:
                  finalizers:
                  - kubernetes
                Status:
                  phase: Terminating
                Conditions:
                  Type                             Status  Reason                Message
                  ----                             ------  ------                -------
                  NamespaceDeletionContentFailure  False   ContentDeleted        All content successfully deleted, may be waiting on finalization
                  NamespaceContentRemaining        True    SomeResourcesRemain   Some resources are remaining: configmaps has 1 resource instances
                  NamespaceFinalizersRemaining     True    SomeFinalizersRemain  Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances
                Events:       <none>
                """);
    }

    @Test
    void aRoleShowsItsRulesAsKubectlsPolicyRuleTable() {
        ApiObject role = parse("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: "system:reader", creationTimestamp: 2026-11-25T12:00:00Z}
                rules:
                - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}
                - {apiGroups: [""], resources: [pods], verbs: [watch, get]}
                - {apiGroups: [apps], resources: [deployments/scale], resourceNames: [web, api], verbs: [update]}
                - {nonResourceURLs: [/healthz], verbs: [get]}
                """);

        assertThat(Describer.describe(role, List.of(), NOW)).isEqualTo("""
                Name:         system:reader
                Labels:       <none>
                Annotations:  <none>
                Created:      2026-11-25T12:00:00Z (10m ago)
                PolicyRule:
                  Resources               Non-Resource URLs  Resource Names  Verbs
                  ---------               -----------------  --------------  -----
                  pods                    []                 []              [get list watch]
                  pods/log                []                 []              [get list]
                                          [/healthz]         []              [get]
                  deployments.apps/scale  []                 [api]           [update]
                  deployments.apps/scale  []                 [web]           [update]
                Events:       <none>
                """);
    }

    @Test
    void aBindingShowsItsRoleAndSubjects() {
        ApiObject binding = parse("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: read-pods, namespace: default}
                subjects:
                - {kind: User, name: jane}
                - {kind: ServiceAccount, name: builder, namespace: ci}
                roleRef: {kind: Role, name: pod-reader}
                """);

        assertThat(Describer.describe(binding, List.of(), NOW)).isEqualTo("""
                Name:         read-pods
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>
                Role:
                  Kind:  Role
                  Name:  pod-reader
                Subjects:
                  Kind            Name     Namespace
                  ----            ----     ---------
                  User            jane
                  ServiceAccount  builder  ci
                Events:       <none>
                """);
    }

    private static ApiObject parse(String yaml) {
        return Codec.readManifests(yaml, "t").get(0).object();
    }

    private static Event event(String name, String type, String reason, String message, int count, String time) {
        Instant at = Instant.parse("2026-11-25T" + time + "Z");
        Event e = (Event) Codec.readManifests("apiVersion: v1\nkind: Event\nmetadata: {name: " + name
                + ", namespace: default}\ninvolvedObject: {kind: Pod, name: web-1, namespace: default}\n"
                + "source: {component: scheduler}\n", "t").get(0).object();
        return new Event(e.apiVersion(), e.kind(), e.metadata(), e.involvedObject(), reason, message, e.source(), at, at,
                count, type, null, null, null, null);
    }
}
