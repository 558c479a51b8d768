package dev.jk8s.ctl.get;

import static dev.jk8s.ctl.get.GetObjects.T0;
import static dev.jk8s.ctl.get.GetObjects.container;
import static dev.jk8s.ctl.get.GetObjects.meta;
import static dev.jk8s.ctl.get.GetObjects.pod;
import static dev.jk8s.ctl.get.GetObjects.running;
import static dev.jk8s.ctl.get.GetObjects.status;
import static dev.jk8s.ctl.get.GetObjects.terminated;
import static dev.jk8s.ctl.get.GetObjects.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Condition;
import dev.jk8s.api.IntOrString;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentSpec;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Event;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeAddress;
import dev.jk8s.api.core.NodeSpec;
import dev.jk8s.api.core.NodeStatus;
import dev.jk8s.api.core.NodeSystemInfo;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.api.core.ReplicationControllerSpec;
import dev.jk8s.api.core.ReplicationControllerStatus;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import dev.jk8s.api.rbac.ClusterRoleBinding;
import dev.jk8s.api.rbac.Role;
import dev.jk8s.api.rbac.RoleBinding;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ColumnsTest {

    private static final Instant NOW = T0.plusSeconds(200);

    static Stream<Arguments> podStatuses() {
        ContainerStatus initWaiting = new ContainerStatus("init", ContainerState.waiting("PodInitializing", null), null,
                false, 0, null, null, null, null);
        return Stream.of(
                Arguments.of("scheduled, no container yet", pod("p", PodStatus.PENDING), "Pending"),
                Arguments.of("no phase yet", pod("p", null), "Pending"),
                Arguments.of("creating", pod("p", PodStatus.PENDING, waiting("ContainerCreating", 0)), "ContainerCreating"),
                Arguments.of("running", pod("p", PodStatus.RUNNING, running(true)), "Running"),
                Arguments.of("crash looping", pod("p", PodStatus.RUNNING, waiting("CrashLoopBackOff", 3)), "CrashLoopBackOff"),
                Arguments.of("image pull back-off", pod("p", PodStatus.PENDING, waiting("ImagePullBackOff", 0)), "ImagePullBackOff"),
                Arguments.of("image pull error", pod("p", PodStatus.PENDING, waiting("ErrImagePull", 0)), "ErrImagePull"),
                Arguments.of("completed", pod("p", PodStatus.SUCCEEDED, terminated("Completed", 0)), "Completed"),
                Arguments.of("failed", pod("p", PodStatus.FAILED, terminated("Error", 1)), "Error"),
                Arguments.of("out of memory", pod("p", PodStatus.RUNNING, terminated("OOMKilled", 137)), "OOMKilled"),
                Arguments.of("exit code without reason", pod("p", PodStatus.FAILED, terminated(null, 2)), "ExitCode:2"),
                Arguments.of("succeeded, statuses gone", pod("p", PodStatus.SUCCEEDED), "Completed"),
                Arguments.of("failed, statuses gone", pod("p", PodStatus.FAILED), "Error"),
                Arguments.of("terminating", terminating(pod("p", PodStatus.RUNNING, running(true))), "Terminating"),
                Arguments.of("init container running", withInit(initWaiting), "Init:0/1"),
                Arguments.of("init container crash looping", withInit(waiting("CrashLoopBackOff", 2)), "Init:CrashLoopBackOff"),
                Arguments.of("init container failed", withInit(terminated("Error", 1)), "Init:Error"),
                Arguments.of("init container done", withInit(terminated("Completed", 0)), "PodInitializing"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("podStatuses")
    void podStatusIsKubectls(String name, Pod pod, String expected) {
        assertThat(PodCells.status(pod)).isEqualTo(expected);
    }

    @Test
    void podsShowReadyStatusRestartsAndAge() {
        ContainerStatus crashing = new ContainerStatus("app", ContainerState.waiting("CrashLoopBackOff", null),
                ContainerState.terminated(new ContainerState.Terminated(1, null, "Error", null, T0, T0.plusSeconds(140), null)),
                false, 4, null, null, null, null);
        List<Pod> pods = List.of(pod("web-1", PodStatus.RUNNING, running(true)), pod("web-2", PodStatus.RUNNING, crashing),
                pod("job-1", PodStatus.SUCCEEDED, terminated("Completed", 0)));

        assertThat(table(Kinds.POD, pods)).isEqualTo("""
                NAME    READY   STATUS             RESTARTS      AGE
                web-1   1/1     Running            0             3m20s
                web-2   0/1     CrashLoopBackOff   4 (60s ago)   3m20s
                job-1   0/1     Completed          0             3m20s
                """);
    }

    @Test
    void wideAddsIpAndNodeAndShowLabelsAddsSortedLabels() {
        Pod web = pod("web-1", PodStatus.RUNNING, running(true));
        web = web.withSpec(web.spec().withNodeName("node-1"))
                .withStatus(new PodStatus(PodStatus.RUNNING, null, null, null, null, "10.0.1.5", null, null, null,
                        web.status().containerStatuses(), null))
                .withMetadata(web.metadata().withLabels(Map.of("tier", "front", "app", "web")));
        Pod bare = pod("bare", PodStatus.PENDING);

        String out = Printer.print(OutputFormat.WIDE, Kinds.POD, List.of(web, bare), false,
                new Printer.TableOptions(false, true), NOW);

        assertThat(out).isEqualTo("""
                NAME    READY   STATUS    RESTARTS   AGE     IP         NODE     LABELS
                web-1   1/1     Running   0          3m20s   10.0.1.5   node-1   app=web,tier=front
                bare    0/1     Pending   0          3m20s   <none>     <none>   <none>
                """);
    }

    @Test
    void deploymentsShowReadyOfDesiredAndWideShowsTheTemplate() {
        PodTemplateSpec template = new PodTemplateSpec(null,
                PodSpec.of(Container.of("app", "nginx:1.25"), Container.of("log", "fluentbit:2")));
        Deployment web = new Deployment(meta("web"), new DeploymentSpec(3, LabelSelector.of(Map.of("app", "web")),
                template, null, null, null, null, null))
                .withStatus(new DeploymentStatus(1L, 3, 2, 1, 1, 2, null, null));

        assertThat(table(Kinds.DEPLOYMENT, List.of(web))).isEqualTo("""
                NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                web    1/3     2            1           3m20s
                """);
        assertThat(Printer.print(OutputFormat.WIDE, Kinds.DEPLOYMENT, List.of(web), false, false, NOW)).isEqualTo("""
                NAME   READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES                   SELECTOR
                web    1/3     2            1           3m20s   app,log      nginx:1.25,fluentbit:2   app=web
                """);
    }

    @Test
    void replicationControllersShowDesiredCurrentReadyAndWideShowsTheMapSelector() {
        PodTemplateSpec template = new PodTemplateSpec(null, PodSpec.of(Container.of("nginx", "nginx")));
        ReplicationController nginx = new ReplicationController(meta("nginx"),
                new ReplicationControllerSpec(3, null, Map.of("app", "nginx"), template))
                .withStatus(new ReplicationControllerStatus(3, 3, 2, 2, 1L, null));
        ReplicationController fresh = new ReplicationController(meta("new"), ReplicationControllerSpec.EMPTY);

        assertThat(table(Kinds.REPLICATION_CONTROLLER, List.of(nginx, fresh))).isEqualTo("""
                NAME    DESIRED   CURRENT   READY   AGE
                nginx   3         3         2       3m20s
                new     1         0         0       3m20s
                """);
        assertThat(Printer.print(OutputFormat.WIDE, Kinds.REPLICATION_CONTROLLER, List.of(nginx), false, false, NOW))
                .isEqualTo("""
                NAME    DESIRED   CURRENT   READY   AGE     CONTAINERS   IMAGES   SELECTOR
                nginx   3         3         2       3m20s   nginx        nginx    app=nginx
                """);
    }

    @Test
    void nodesShowReadinessCordoningRolesAndVersion() {
        Node control = node("cp-1", Condition.TRUE, false,
                Map.of("node-role.kubernetes.io/control-plane", "", "node-role.kubernetes.io/etcd", "true"));
        Node worker = node("worker-1", Condition.FALSE, true, Map.of());
        Node lost = node("worker-2", Condition.UNKNOWN, false, Map.of());

        assertThat(table(Kinds.NODE, List.of(control, worker, lost))).isEqualTo("""
                NAME       STATUS                        ROLES                AGE     VERSION
                cp-1       Ready                         control-plane,etcd   3m20s   v1.30.0
                worker-1   NotReady,SchedulingDisabled   <none>               3m20s   v1.30.0
                worker-2   Unknown                       <none>               3m20s   v1.30.0
                """);
        assertThat(Printer.print(OutputFormat.WIDE, Kinds.NODE, List.of(control), false, false, NOW)).isEqualTo("""
                NAME   STATUS   ROLES                AGE     VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             \
                KERNEL-VERSION   CONTAINER-RUNTIME
                cp-1   Ready    control-plane,etcd   3m20s   v1.30.0   10.0.0.1      <none>        Ubuntu 22.04.4 LTS   \
                6.5.0            docker://24.0.7
                """);
    }

    @Test
    void servicesShowTypeAddressesAndPorts() {
        Service web = new Service(meta("web"), ServiceSpec.builder().type(ServiceSpec.NODE_PORT)
                .selector(Map.of("app", "web")).build().withClusterIP("10.96.0.10").withPorts(List.of(
                        ServicePort.of(80, IntOrString.of(8080)).withDefaults("TCP", IntOrString.of(8080)),
                        ServicePort.of(443, IntOrString.of(8443)).withNodePort(30443))));
        Service headless = new Service(meta("db"), ServiceSpec.builder().build().withClusterIP("None")
                .withPorts(List.of(ServicePort.of(5432, IntOrString.of(5432)).withDefaults("TCP", null))));
        Service bare = new Service(meta("ext"), ServiceSpec.builder().type(ServiceSpec.EXTERNAL_NAME)
                .externalName("db.example.com").build());

        assertThat(table(Kinds.SERVICE, List.of(web, headless, bare))).isEqualTo("""
                NAME   TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                AGE
                web    NodePort       10.96.0.10   <none>           80/TCP,443:30443/TCP   3m20s
                db     ClusterIP      None         <none>           5432/TCP               3m20s
                ext    ExternalName   <none>       db.example.com   <none>                 3m20s
                """);
        assertThat(Printer.print(OutputFormat.WIDE, Kinds.SERVICE, List.of(web), false, false, NOW))
                .endsWith("   3m20s   app=web\n");
    }

    @Test
    void endpointsAndEventsLikeKubectl() {
        Endpoints web = new Endpoints(meta("web"), List.of(new EndpointSubset(
                List.of(EndpointAddress.of("10.0.1.5"), EndpointAddress.of("10.0.1.6")), null,
                List.of(new EndpointPort("http", 8080, "TCP", null), new EndpointPort("https", 8443, "TCP", null)))));
        Endpoints none = new Endpoints(meta("idle"), List.of());
        Event event = new Event(meta("web-1.17a"), new ObjectReference("Pod", "default", "web-1", null, null, null, null),
                Event.WARNING, "BackOff", "Back-off restarting failed container", "kubelet", T0.plusSeconds(170));

        assertThat(table(Kinds.ENDPOINTS, List.of(web, none))).isEqualTo("""
                NAME   ENDPOINTS                                               AGE
                web    10.0.1.5:8080,10.0.1.6:8080,10.0.1.5:8443 + 1 more...   3m20s
                idle   <none>                                                  3m20s
                """);
        assertThat(table(Kinds.EVENT, List.of(event))).isEqualTo("""
                LAST SEEN   TYPE      REASON    OBJECT      MESSAGE
                30s         Warning   BackOff   pod/web-1   Back-off restarting failed container
                """);
    }

    @Test
    void rolesShowTheirCreationTimeAndBindingsTheirRoleAndWideTheirSubjects() {
        Role role = new Role(meta("pod-reader").toBuilder().creationTimestamp(T0.plusMillis(250)).build(), List.of());
        RoleBinding binding = new RoleBinding(meta("read-pods"), List.of(Subject.user("jane"), Subject.user("joe"),
                Subject.group("devs"), Subject.serviceAccount("ci", "builder")), RoleRef.role("pod-reader"));
        ClusterRoleBinding cluster = new ClusterRoleBinding(meta("system:nodes").withNamespace(null), List.of(),
                RoleRef.clusterRole("system:node"));

        assertThat(table(Kinds.ROLE, List.of(role))).isEqualTo("""
                NAME         CREATED AT
                pod-reader   2024-01-01T00:00:00Z
                """);
        assertThat(table(Kinds.ROLE_BINDING, List.of(binding))).isEqualTo("""
                NAME        ROLE              AGE
                read-pods   Role/pod-reader   3m20s
                """);
        assertThat(Printer.print(OutputFormat.WIDE, Kinds.ROLE_BINDING, List.of(binding), false, false, NOW)).isEqualTo("""
                NAME        ROLE              AGE     USERS       GROUPS   SERVICEACCOUNTS
                read-pods   Role/pod-reader   3m20s   jane, joe   devs     ci/builder
                """);
        assertThat(Printer.print(OutputFormat.WIDE, Kinds.CLUSTER_ROLE_BINDING, List.of(cluster), false, false, NOW))
                .isEqualTo("""
                NAME           ROLE                      AGE     USERS    GROUPS   SERVICEACCOUNTS
                system:nodes   ClusterRole/system:node   3m20s   <none>   <none>   <none>
                """);
    }

    private static String table(Kind<?> kind, List<? extends ApiObject> objects) {
        return Printer.print(OutputFormat.TABLE, kind, objects, false, false, NOW);
    }

    private static Pod terminating(Pod pod) {
        return pod.withMetadata(pod.metadata().toBuilder().deletionTimestamp(T0).build());
    }

    private static Pod withInit(ContainerStatus init) {
        Pod pod = pod("p", PodStatus.PENDING, container(ContainerState.waiting("PodInitializing", null), false, 0));
        return pod.withSpec(pod.spec().toBuilder().initContainers(List.of(Container.of("init", "busybox"))).build())
                .withStatus(status(PodStatus.PENDING, List.of(init), pod.status().containerStatuses()));
    }

    private static Node node(String name, String ready, boolean cordoned, Map<String, String> labels) {
        return new Node(meta(name).withLabels(labels), NodeSpec.EMPTY.withUnschedulable(cordoned))
                .withStatus(new NodeStatus(null, null, List.of(Condition.of("Ready", ready, null, null, T0)),
                        List.of(new NodeAddress("InternalIP", "10.0.0.1")),
                        new NodeSystemInfo("6.5.0", "Ubuntu 22.04.4 LTS", "docker://24.0.7", "v1.30.0", "linux", "amd64"), null));
    }
}
