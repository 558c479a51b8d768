package dev.jk8s.ctl.get;

import static dev.jk8s.ctl.get.GetObjects.pod;
import static dev.jk8s.ctl.get.GetObjects.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentSpec;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.apps.ReplicaSetSpec;
import dev.jk8s.api.apps.ReplicaSetStatus;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import dev.jk8s.ctl.Jctl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code get} of several kinds at once: {@code KIND,KIND}, {@code all}, {@code TYPE/NAME...}. */
class GetKindsTest {

    private static final String PODS = """
            NAME                   READY   STATUS    RESTARTS   AGE
            pod/hello-5d4f-abcde   1/1     Running   0          90s
            """;
    private static final String SERVICES = """
            NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            service/hello   ClusterIP   10.96.0.10   <none>        80/TCP    90s
            """;
    private static final String DEPLOYMENTS = """
            NAME                    READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/hello   1/1     1            1           90s
            """;
    private static final String REPLICA_SETS = """
            NAME                         DESIRED   CURRENT   READY   AGE
            replicaset.apps/hello-5d4f   1         1         1       90s
            """;

    private final Jctl jctl = new Jctl();

    @BeforeEach
    void seed() {
        Map<String, String> app = Map.of("app", "hello");
        jctl.clients.of(Kinds.POD).seed(labelled(pod("hello-5d4f-abcde", PodStatus.RUNNING, running(true)), app));
        jctl.clients.of(Kinds.SERVICE).seed(new Service(ObjectMeta.named("default", "hello").withLabels(app),
                ServiceSpec.builder().selector(app).build().withClusterIP("10.96.0.10").withPorts(List.of(
                        ServicePort.of(80, IntOrString.of(8080)).withDefaults("TCP", IntOrString.of(8080))))));
        jctl.clients.of(Kinds.DEPLOYMENT).seed(new Deployment(ObjectMeta.named("default", "hello").withLabels(app),
                DeploymentSpec.EMPTY.withReplicas(1)).withStatus(new DeploymentStatus(1L, 1, 1, 1, 1, 0, null, null)));
        jctl.clients.of(Kinds.REPLICA_SET).seed(new ReplicaSet(ObjectMeta.named("default", "hello-5d4f"),
                ReplicaSetSpec.EMPTY.withReplicas(1)).withStatus(new ReplicaSetStatus(1, 1, 1, 1, 1L, null)));
        jctl.clients.of(Kinds.CONFIG_MAP).seed(new ConfigMap(ObjectMeta.named("default", "hello-config"), Map.of()));
    }

    @Test
    void listsEachKindInItsOwnTableWithKindQualifiedNames() {
        assertThat(jctl.run("get", "deploy,rs,pods,svc")).isEqualTo(new Jctl.Result(0,
                DEPLOYMENTS + "\n" + REPLICA_SETS + "\n" + PODS + "\n" + SERVICES, ""));
    }

    @Test
    void allIsKubectlsCategoryInKubectlsOrderAndLeavesOutKindsWithoutObjects() {
        assertThat(jctl.run("get", "all")).isEqualTo(new Jctl.Result(0,
                PODS + "\n" + SERVICES + "\n" + DEPLOYMENTS + "\n" + REPLICA_SETS, ""));
        assertThat(jctl.run("get", "all,cm", "-o", "name").out()).isEqualTo("""
                pod/hello-5d4f-abcde
                service/hello
                deployment.apps/hello
                replicaset.apps/hello-5d4f
                configmap/hello-config
                """);
    }

    @Test
    void aKindGivenTwiceIsShownOnceAndOneKindKeepsPlainNames() {
        assertThat(jctl.run("get", "svc,services").out()).isEqualTo("""
                NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
                hello   ClusterIP   10.96.0.10   <none>        80/TCP    90s
                """);
    }

    @Test
    void selectsWithLabelsAcrossKindsAndAddsNamespacesWithA() {
        assertThat(jctl.run("get", "deploy,rs,svc", "-l", "app=hello", "-A").out()).isEqualTo("""
                NAMESPACE   NAME                    READY   UP-TO-DATE   AVAILABLE   AGE
                default     deployment.apps/hello   1/1     1            1           90s

                NAMESPACE   NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
                default     service/hello   ClusterIP   10.96.0.10   <none>        80/TCP    90s
                """);
    }

    @Test
    void wideAddsEachKindsColumns() {
        assertThat(jctl.run("get", "svc,cm", "-o", "wide").out()).isEqualTo("""
                NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR
                service/hello   ClusterIP   10.96.0.10   <none>        80/TCP    90s   app=hello

                NAME                     DATA   AGE
                configmap/hello-config   0      90s
                """);
    }

    @Test
    void printsSeveralKindsAsOneList() {
        String yaml = jctl.run("get", "deploy,svc", "-o", "yaml").out();

        assertThat(yaml).startsWith("apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n");
        assertThat(yaml).contains("\n- apiVersion: v1\n  kind: Service\n");
        assertThat(jctl.run("get", "deploy/hello", "-o", "json").out()).startsWith(
                "{\n  \"apiVersion\" : \"apps/v1\",\n  \"kind\" : \"Deployment\",");
    }

    @Test
    void namesObjectsOfSeveralKindsAsTypeSlashName() {
        assertThat(jctl.run("get", "deploy/hello", "svc/hello", "deployment/nope")).isEqualTo(new Jctl.Result(1,
                DEPLOYMENTS + "\n" + SERVICES, "error: deployments \"nope\" not found\n"));
        assertThat(jctl.run("get", "svc/hello", "svc/hello", "-o", "name").out())
                .isEqualTo("service/hello\nservice/hello\n");
    }

    @Test
    void saysOnceWhenNoKindHasObjects() {
        assertThat(jctl.run("get", "all", "-n", "empty")).isEqualTo(
                new Jctl.Result(0, "", "No resources found in empty namespace.\n"));
        assertThat(jctl.run("get", "pods,nodes")).isEqualTo(new Jctl.Result(0, PODS, ""));
        assertThat(jctl.run("get", "nodes,pods", "-n", "empty")).isEqualTo(new Jctl.Result(0, "", "No resources found\n"));
    }

    @Test
    void refusesNamesWithSeveralKindsMixedFormsAndWatchingSeveralKinds() {
        assertThat(jctl.run("get", "deploy,svc", "hello")).isEqualTo(new Jctl.Result(2, "",
                "error: you may only specify a single resource type with names; to name objects of several kinds,"
                        + " write TYPE/NAME for each (e.g. jctl get deploy/web svc/web)\nSee 'jctl get -h'\n"));
        assertThat(jctl.run("get", "deploy", "svc/hello")).isEqualTo(new Jctl.Result(2, "",
                "error: there is no need to specify a resource type as a separate argument when passing arguments in"
                        + " resource/name form (e.g. 'jctl get resource/<resource_name>' instead of"
                        + " 'jctl get resource resource/<resource_name>')\nSee 'jctl get -h'\n"));
        assertThat(jctl.run("get", "all", "-w")).isEqualTo(new Jctl.Result(2, "",
                "error: watch is only supported on individual resources and resource collections, but 5 resource"
                        + " types were found; watch one kind at a time\nSee 'jctl get -h'\n"));
        assertThat(jctl.run("get", "pods,bogus")).isEqualTo(new Jctl.Result(1, "",
                "error: the server doesn't have a resource type \"bogus\"\n"));
    }

    private static <T extends dev.jk8s.api.ApiObject> T labelled(T object, Map<String, String> labels) {
        @SuppressWarnings("unchecked")
        T labelled = (T) object.withMetadata(object.metadata().withLabels(labels));
        return labelled;
    }
}
