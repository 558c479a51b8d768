package dev.jk8s.ctl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RolloutCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Deployment> deployments = jctl.clients.of(Kinds.DEPLOYMENT);
    private final FakeKindClient<ReplicaSet> replicaSets = jctl.clients.of(Kinds.REPLICA_SET);
    private final Deployment web = deployments.seed(deployment("web", "img:2"));

    @Test
    void statusPrintsEachStepUntilTheRolloutCompletes() {
        Deployment observed = web.withStatus(RolloutProgressTest.status(1L, 3, 1, 1, List.of()));
        deployments.update(observed, false);
        deployments.whenWatched(() -> {
            deployments.update(status(2, 2, 1), false);
            deployments.update(status(3, 3, 2), false);
            deployments.update(status(3, 3, 2), false); // no progress: printed once
            deployments.update(status(3, 3, 3), false);
        });

        assertThat(jctl.run("rollout", "status", "deployment/web")).isEqualTo(new Jctl.Result(0, """
                Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
                Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...
                Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...
                deployment "web" successfully rolled out
                """, ""));
    }

    @Test
    void statusFailsWithTheReasonWhenTheDeadlinePasses() {
        deployments.whenWatched(() -> deployments.update(deployments.stored("default", "web").withStatus(
                RolloutProgressTest.status(1L, 3, 1, 1, List.of(Condition.of("Progressing", Condition.FALSE,
                        "ProgressDeadlineExceeded", "ReplicaSet \"web-2\" has timed out progressing.", Instant.EPOCH)))), false));

        assertThat(jctl.run("rollout", "status", "deploy", "web")).isEqualTo(new Jctl.Result(ExitCodes.ERROR,
                "Waiting for deployment spec update to be observed...\n",
                "error: deployment \"web\" exceeded its progress deadline; see `jctl describe deployment web`\n"));
    }

    @Test
    void statusGivesUpAfterTheTimeout() {
        assertThat(jctl.run("rollout", "status", "deployment/web", "--timeout", "200ms")).isEqualTo(new Jctl.Result(
                ExitCodes.ERROR, "Waiting for deployment spec update to be observed...\n",
                "error: timed out after 200ms waiting for deployment \"web\" to roll out; last state: Waiting for deployment"
                        + " spec update to be observed...\n"));
    }

    @Test
    void statusWithoutWatchPrintsOnce() {
        assertThat(jctl.run("rollout", "status", "deployment/web", "--watch=false")).isEqualTo(new Jctl.Result(0,
                "Waiting for deployment spec update to be observed...\n", ""));
    }

    @Test
    void historyListsTheDeploymentsRevisionsInOrder() {
        seedRevision("web-b", 2, "img:2", "jctl set image web img:2");
        seedRevision("web-a", 1, "img:1", null);
        replicaSets.seed(replicaSet("other", 7, "img:9", "uid-other"));

        assertThat(jctl.run("rollout", "history", "deployment/web")).isEqualTo(new Jctl.Result(0, """
                deployment.apps/web
                REVISION   CHANGE-CAUSE
                1          <none>
                2          jctl set image web img:2
                """, ""));
        assertThat(jctl.run("rollout", "history", "deployment/web", "--revision", "1").out())
                .startsWith("deployment.apps/web with revision #1\nPod Template:\n  metadata:\n")
                .contains("    - name: app\n      image: img:1\n").doesNotContain("pod-template-hash");
        assertThat(jctl.run("rollout", "history", "deployment/web", "--revision", "5")).isEqualTo(new Jctl.Result(1, "",
                "error: unable to find revision 5 of deployment.apps/web; see `jctl rollout history deployment.apps/web`\n"));
    }

    @Test
    void undoPutsThePreviousTemplateBack() {
        seedRevision("web-a", 1, "img:1", null);
        seedRevision("web-b", 2, "img:2", null);

        assertThat(jctl.run("rollout", "undo", "deployment/web")).isEqualTo(new Jctl.Result(0,
                "deployment.apps/web rolled back\n", ""));
        assertThat(image(deployments.stored("default", "web").spec().template())).isEqualTo("img:1");
        assertThat(jctl.run("rollout", "undo", "deployment/web", "--to-revision", "1")).isEqualTo(new Jctl.Result(0,
                "deployment.apps/web skipped rollback (current template already matches revision 1)\n", ""));
    }

    @Test
    void undoWithoutHistoryOrOfAnotherKindIsRefused() {
        assertThat(jctl.run("rollout", "undo", "deployment/web")).isEqualTo(new Jctl.Result(1, "",
                "error: no rollout history found for deployment.apps/web: it has no earlier revision to return to\n"));
        assertThat(jctl.run("rollout", "undo", "rs/web")).isEqualTo(new Jctl.Result(1, "",
                "error: cannot roll out replicasets: only deployments have rollouts\n"));
        assertThat(jctl.run("rollout").exit()).isEqualTo(ExitCodes.USAGE);
    }

    private Deployment status(int replicas, int updated, int available) {
        Deployment d = deployments.stored("default", "web");
        return d.withStatus(RolloutProgressTest.status(1L, replicas, updated, available, List.of()));
    }

    private void seedRevision(String name, int revision, String image, String cause) {
        ReplicaSet rs = replicaSet(name, revision, image, web.metadata().uid());
        if (cause != null) {
            rs = rs.withMetadata(rs.metadata().withAnnotation(Revisions.CHANGE_CAUSE, cause));
        }
        replicaSets.seed(rs);
    }

    private static ReplicaSet replicaSet(String name, int revision, String image, String ownerUid) {
        ReplicaSet rs = (ReplicaSet) TestObjects.parse("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: %s, namespace: default, annotations: {deployment.kubernetes.io/revision: "%d"}}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web, pod-template-hash: h%d}}
                    spec: {containers: [{name: app, image: "%s"}]}
                """.formatted(name, revision, revision, image));
        OwnerReference owner = new OwnerReference("apps/v1", "Deployment", "web", ownerUid, true, true);
        return rs.withMetadata(rs.metadata().toBuilder().ownerReferences(List.of(owner)).build());
    }

    private static Deployment deployment(String name, String image) {
        return (Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: default, generation: 1}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "%s"}]}
                """.formatted(name, image));
    }

    private static String image(PodTemplateSpec t) {
        return t.spec().containers().get(0).image();
    }
}
