package dev.jk8s.ctl.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentSpec;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.apps.ReplicaSetSpec;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.api.core.ReplicationControllerSpec;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import org.junit.jupiter.api.Test;

class ScaleCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Deployment> deployments = jctl.clients.of(Kinds.DEPLOYMENT);
    private final Deployment web = deployments.seed(new Deployment(ObjectMeta.named("default", "web"),
            DeploymentSpec.EMPTY.withReplicas(1)));

    @Test
    void scalesADeployment() {
        assertThat(jctl.run("scale", "deployment", "web", "--replicas", "3")).isEqualTo(
                new Jctl.Result(0, "deployment.apps/web scaled\n", ""));
        assertThat(deployments.stored("default", "web").spec().replicas()).isEqualTo(3);
        assertThat(deployments.actions()).containsExactly("update default/web");
    }

    @Test
    void takesTheObjectAsTypeSlashNameAsKubectlDoes() {
        assertThat(jctl.run("scale", "deployment/web", "--replicas=2")).isEqualTo(
                new Jctl.Result(0, "deployment.apps/web scaled\n", ""));
        assertThat(deployments.stored("default", "web").spec().replicas()).isEqualTo(2);
        assertThat(jctl.run("scale", "web", "--replicas=2").err())
                .isEqualTo("error: name the object as TYPE/NAME or TYPE NAME, not web\n");
    }

    @Test
    void scalesAReplicaSetToZero() {
        FakeKindClient<ReplicaSet> replicaSets = jctl.clients.of(Kinds.REPLICA_SET);
        replicaSets.seed(new ReplicaSet(ObjectMeta.named("default", "web-1"), ReplicaSetSpec.EMPTY.withReplicas(2)));

        assertThat(jctl.run("scale", "rs", "web-1", "--replicas=0")).isEqualTo(
                new Jctl.Result(0, "replicaset.apps/web-1 scaled\n", ""));
        assertThat(replicaSets.stored("default", "web-1").spec().replicas()).isZero();
    }

    @Test
    void scalesAReplicationController() {
        FakeKindClient<ReplicationController> controllers = jctl.clients.of(Kinds.REPLICATION_CONTROLLER);
        controllers.seed(new ReplicationController(ObjectMeta.named("default", "nginx"),
                ReplicationControllerSpec.EMPTY.withReplicas(3)));

        assertThat(jctl.run("scale", "rc", "nginx", "--replicas", "5")).isEqualTo(
                new Jctl.Result(0, "replicationcontroller/nginx scaled\n", ""));
        assertThat(controllers.stored("default", "nginx").spec().replicas()).isEqualTo(5);
        assertThat(controllers.actions()).containsExactly("update default/nginx");
    }

    @Test
    void otherKindsCannotBeScaled() {
        assertThat(jctl.run("scale", "pods", "x", "--replicas", "2")).isEqualTo(new Jctl.Result(1, "",
                "error: cannot scale pods: only deployments, replicasets and replicationcontrollers can be scaled\n"));
    }

    @Test
    void aNegativeCountIsAUsageError() {
        assertThat(jctl.run("scale", "deploy", "web", "--replicas", "-1")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: --replicas must be 0 or more, not -1\nSee 'jctl scale -h'\n"));
    }

    @Test
    void theCountIsRequired() {
        assertThat(jctl.run("scale", "deploy", "web")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: Missing required option: '--replicas=N'\nSee 'jctl scale -h'\n"));
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        String stale = web.metadata().resourceVersion();
        jctl.run("scale", "deploy", "web", "--replicas", "2");

        assertThat(jctl.run("scale", "deploy", "web", "--replicas", "5", "--resource-version", stale)).isEqualTo(
                new Jctl.Result(1, "", "error: Operation cannot be fulfilled on deployments \"web\": the object has been"
                        + " modified; please apply your changes to the latest version and try again\n"));
        assertThat(deployments.stored("default", "web").spec().replicas()).isEqualTo(2);
    }

    @Test
    void aMissingObjectIsNotFound() {
        assertThat(jctl.run("scale", "deploy", "nope", "--replicas", "1")).isEqualTo(
                new Jctl.Result(1, "", "error: deployments \"nope\" not found\n"));
    }
}
