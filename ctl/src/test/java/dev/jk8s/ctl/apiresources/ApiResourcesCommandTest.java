package dev.jk8s.ctl.apiresources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.ctl.Jctl;
import org.junit.jupiter.api.Test;

class ApiResourcesCommandTest {

    @Test
    void listsEveryKindSortedByName() {
        assertThat(new Jctl().run("api-resources")).isEqualTo(new Jctl.Result(0, """
                NAME                     SHORTNAMES   APIVERSION                     NAMESPACED   KIND
                clusterrolebindings                   rbac.authorization.k8s.io/v1   false        ClusterRoleBinding
                clusterroles                          rbac.authorization.k8s.io/v1   false        ClusterRole
                configmaps               cm           v1                             true         ConfigMap
                deployments              deploy       apps/v1                        true         Deployment
                endpoints                ep           v1                             true         Endpoints
                events                   ev           v1                             true         Event
                leases                                coordination.k8s.io/v1         true         Lease
                namespaces               ns           v1                             false        Namespace
                nodes                    no           v1                             false        Node
                pods                     po           v1                             true         Pod
                replicasets              rs           apps/v1                        true         ReplicaSet
                replicationcontrollers   rc           v1                             true         ReplicationController
                rolebindings                          rbac.authorization.k8s.io/v1   true         RoleBinding
                roles                                 rbac.authorization.k8s.io/v1   true         Role
                secrets                               v1                             true         Secret
                serviceaccounts          sa           v1                             true         ServiceAccount
                services                 svc          v1                             true         Service
                """, ""));
    }
}
