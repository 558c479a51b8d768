package dev.jk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KindsTest {

    @Test
    void servesSeventeenKinds() {
        assertThat(Kinds.ALL).extracting(Kind::kind).containsExactlyInAnyOrder("Namespace", "Node", "Pod",
                "ReplicationController", "ReplicaSet", "Deployment", "Service", "Endpoints", "ServiceAccount", "Secret", "ConfigMap",
                "Event", "Lease", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");
        assertThat(Kinds.all()).isSameAs(Kinds.ALL);
    }

    @Test
    void namespacesNodesAndClusterRbacKindsAreClusterScoped() {
        assertThat(Kinds.ALL).filteredOn(k -> !k.namespaced()).containsExactlyInAnyOrder(Kinds.NAMESPACE, Kinds.NODE,
                Kinds.CLUSTER_ROLE, Kinds.CLUSTER_ROLE_BINDING);
    }

    @Test
    void rolesAreCreatedBeforeTheirBindingsAndAfterServiceAccounts() {
        List<Kind<?>> all = Kinds.ALL;
        assertThat(all.indexOf(Kinds.SERVICE_ACCOUNT)).isLessThan(all.indexOf(Kinds.CLUSTER_ROLE));
        assertThat(all.indexOf(Kinds.CLUSTER_ROLE)).isLessThan(all.indexOf(Kinds.ROLE_BINDING));
        assertThat(all.indexOf(Kinds.CLUSTER_ROLE)).isLessThan(all.indexOf(Kinds.CLUSTER_ROLE_BINDING));
        assertThat(all.indexOf(Kinds.ROLE)).isLessThan(all.indexOf(Kinds.ROLE_BINDING));
    }

    @Test
    void kindsWithAStatusSayWhich() {
        assertThat(Kinds.ALL).filteredOn(Kind::hasStatus).containsExactlyInAnyOrder(Kinds.NAMESPACE, Kinds.NODE,
                Kinds.POD, Kinds.REPLICATION_CONTROLLER, Kinds.REPLICA_SET, Kinds.DEPLOYMENT, Kinds.SERVICE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "pods, Pod", "pod, Pod", "po, Pod", "PODS, Pod",
            "deploy, Deployment", "deployment.apps, Deployment", "deployments.apps, Deployment",
            "rs, ReplicaSet", "rc, ReplicationController", "replicationcontrollers, ReplicationController", "svc, Service", "ep, Endpoints", "endpoints, Endpoints", "sa, ServiceAccount",
            "ns, Namespace", "no, Node", "cm, ConfigMap", "ev, Event", "secret, Secret",
            "leases, Lease", "lease.coordination.k8s.io, Lease",
            "roles, Role", "clusterrole, ClusterRole", "rolebindings.rbac.authorization.k8s.io, RoleBinding",
            "clusterrolebinding.rbac.authorization.k8s.io, ClusterRoleBinding"})
    void resolvesWhatAUserTypes(String name, String kind) {
        assertThat(Kinds.byName(name)).hasValueSatisfying(k -> assertThat(k.kind()).isEqualTo(kind));
    }

    @Test
    void looksUpByKindAndResource() {
        assertThat(Kinds.byKind("ReplicaSet")).contains(Kinds.REPLICA_SET);
        assertThat(Kinds.byResource("serviceaccounts")).contains(Kinds.SERVICE_ACCOUNT);
        assertThat(Kinds.byResource("leases")).contains(Kinds.LEASE);
        assertThat(Kinds.byKind("ReplicationController")).contains(Kinds.REPLICATION_CONTROLLER);
        assertThat(Kinds.REPLICATION_CONTROLLER.apiVersion()).isEqualTo("v1");
        assertThat(Kinds.byName("widgets")).isEmpty();
    }

    @Test
    void findsTheKindOfAnObject() {
        Lease lease = new Lease(ObjectMeta.named("kube-system", "scheduler"), LeaseSpec.EMPTY);

        assertThat(Kinds.of(lease)).isSameAs(Kinds.LEASE);
        assertThat(Kinds.of(new ConfigMap(ObjectMeta.named("default", "c"), Map.of()))).isSameAs(Kinds.CONFIG_MAP);
        assertThat(Kinds.LEASE.apiVersion()).isEqualTo("coordination.k8s.io/v1");
        assertThat(Kinds.DEPLOYMENT.qualifiedName()).isEqualTo("deployment.apps");
    }

    @Test
    void theModelFixesApiVersionAndKind() {
        Lease lease = new Lease("v1", "Pod", ObjectMeta.named("default", "l"), null);

        assertThat(lease.apiVersion()).isEqualTo("coordination.k8s.io/v1");
        assertThat(lease.kind()).isEqualTo("Lease");
        assertThat(lease.spec()).isEqualTo(LeaseSpec.EMPTY);
    }
}
