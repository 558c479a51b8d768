package dev.jk8s.ctl.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import dev.jk8s.testkit.TestObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Node> nodes = jctl.clients.of(Kinds.NODE);
    private final FakeKindClient<Pod> pods = jctl.clients.of(Kinds.POD);

    DrainCommandTest() {
        nodes.seed((Node) TestObjects.parse("apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n"));
    }

    @Test
    void cordonsThenEvictsTheNodesManagedPods() {
        pods.seed(pod("web-1", "n1", true, "Running", false));
        pods.seed(pod("web-2", "n1", true, "Running", false));
        pods.seed(pod("elsewhere", "n2", true, "Running", false));

        assertThat(jctl.run("drain", "n1", "--grace-period", "5")).isEqualTo(new Jctl.Result(0, """
                node/n1 cordoned
                evicting pod default/web-1
                evicting pod default/web-2
                pod/web-1 evicted
                pod/web-2 evicted
                node/n1 drained
                """, ""));
        assertThat(nodes.stored(null, "n1").spec().isUnschedulable()).isTrue();
        assertThat(pods.actions()).containsExactly("delete default/web-1 null grace=5", "delete default/web-2 null grace=5");
        assertThat(pods.stored("default", "elsewhere")).isNotNull();
    }

    @Test
    void unmanagedPodsAndLocalDataStopTheDrainBeforeAnythingIsEvicted() {
        pods.seed(pod("web-1", "n1", true, "Running", false));
        pods.seed(pod("bare", "n1", false, "Running", false));
        pods.seed(pod("cache", "n1", true, "Running", true));
        pods.seed(pod("done", "n1", false, "Succeeded", true));

        assertThat(jctl.run("drain", "n1")).isEqualTo(new Jctl.Result(ExitCodes.ERROR, "node/n1 cordoned\n",
                "error: cannot drain node \"n1\": cannot delete Pods that declare no controller (use --force to override):"
                        + " default/bare; cannot delete Pods with local storage (use --delete-emptydir-data to override):"
                        + " default/cache\n"));
        assertThat(pods.actions()).isEmpty();

        Jctl.Result forced = jctl.run("drain", "n1", "--force", "--delete-emptydir-data");
        assertThat(forced.exit()).isZero();
        assertThat(forced.out()).startsWith("node/n1 already cordoned\n").endsWith("node/n1 drained\n");
        assertThat(forced.err()).isEqualTo("Warning: deleting Pods that declare no controller: default/bare\n"
                + "Warning: deleting Pods with local storage: default/cache\n");
        assertThat(pods.list(null, dev.jk8s.client.ListOptions.DEFAULT).items()).isEmpty();
    }

    @Test
    void anUnknownNodeIsNotFound() {
        assertThat(jctl.run("drain", "nope")).isEqualTo(new Jctl.Result(ExitCodes.ERROR, "",
                "error: nodes \"nope\" not found\n"));
    }

    private static Pod pod(String name, String node, boolean managed, String phase, boolean emptyDir) {
        Pod pod = (Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  nodeName: %s
                  containers: [{name: app, image: jk8s/busybox:latest}]
                  volumes: %s
                status: {phase: %s}
                """.formatted(name, node, emptyDir ? "[{name: scratch, emptyDir: {}}]" : "[]", phase));
        if (!managed) {
            return pod;
        }
        OwnerReference owner = new OwnerReference("apps/v1", "ReplicaSet", "web", "uid-rs", true, true);
        return pod.withMetadata(pod.metadata().toBuilder().ownerReferences(List.of(owner)).build());
    }
}
