package dev.jk8s.ctl.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.client.LogOptions;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.Jctl;
import dev.jk8s.testkit.TestObjects;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsCommandTest {

    private final Jctl jctl = new Jctl();

    @Test
    void printsTheLogOfAPodsOnlyContainerWithTheFlagsPassedOn() {
        seedPod("web", Map.of(), "app");

        assertThat(jctl.run("logs", "web", "--tail", "5", "-p")).isEqualTo(new Jctl.Result(0, "log of default/web/null\n", ""));
        assertThat(jctl.clients.logRequests).containsExactly(new LogOptions(null, false, 5L, true));
    }

    @Test
    void aPodWithSeveralContainersDefaultsToTheAnnotatedOneAndSaysSo() {
        seedPod("two", Map.of(), "a", "b");
        seedPod("annotated", Map.of(LogsCommand.DEFAULT_CONTAINER_ANNOTATION, "b"), "a", "b");

        assertThat(jctl.run("logs", "two")).isEqualTo(new Jctl.Result(0, "log of default/two/a\n",
                "Defaulted container \"a\" out of: a, b\n"));
        assertThat(jctl.run("logs", "pod/annotated", "-f")).isEqualTo(new Jctl.Result(0, "log of default/annotated/b\n",
                "Defaulted container \"b\" out of: a, b\n"));
        assertThat(jctl.run("logs", "two", "-c", "b")).isEqualTo(new Jctl.Result(0, "log of default/two/b\n", ""));
        assertThat(jctl.clients.logRequests.get(1).follow()).isTrue();
    }

    @Test
    void aDeploymentsLogIsItsOldestPods() {
        jctl.clients.of(Kinds.DEPLOYMENT).seed((Deployment) TestObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: jk8s/busybox:latest}]}
                """));
        seedPod("web-a", Map.of(), "app");
        seedPod("web-b", Map.of(), "app");

        assertThat(jctl.run("logs", "deploy/web")).isEqualTo(new Jctl.Result(0, "log of default/web-a/null\n",
                "Found 2 pods, using pod/web-a\n"));
    }

    @Test
    void aReplicationControllersLogIsOneOfThePodsItsMapSelectorMatches() {
        jctl.clients.of(Kinds.REPLICATION_CONTROLLER).seed((ReplicationController) TestObjects.parse("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: jk8s/busybox:latest}]}
                """));
        seedPod("web-a", Map.of(), "app");

        assertThat(jctl.run("logs", "rc/web")).isEqualTo(new Jctl.Result(0, "log of default/web-a/null\n", ""));
    }

    @Test
    void refusalsNameTheObject() {
        assertThat(jctl.run("logs", "nope")).isEqualTo(new Jctl.Result(ExitCodes.ERROR, "",
                "error: pods \"nope\" not found\n"));
        assertThat(jctl.run("logs", "svc/web")).isEqualTo(new Jctl.Result(ExitCodes.ERROR, "",
                "error: cannot get logs of services; use a pod, deployment/NAME, replicaset/NAME or replicationcontroller/NAME\n"));
        assertThat(jctl.run("logs", "web", "--tail", "-2")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: --tail must be -1 (all lines) or more, not -2\nSee 'jctl logs -h'\n"));
    }

    private void seedPod(String name, Map<String, String> annotations, String... containers) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name
                + ", namespace: default, labels: {app: web}}\nspec:\n  containers:\n");
        for (String c : containers) {
            yaml.append("  - {name: ").append(c).append(", image: jk8s/busybox:latest}\n");
        }
        Pod pod = (Pod) TestObjects.parse(yaml.toString());
        jctl.clients.of(Kinds.POD).seed(pod.withMetadata(pod.metadata().withAnnotations(annotations)));
    }
}
