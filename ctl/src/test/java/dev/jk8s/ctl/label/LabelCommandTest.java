package dev.jk8s.ctl.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.FieldError;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelCommandTest {

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Pod> pods = jctl.clients.of(Kinds.POD);
    private final Pod seeded = pods.seed(new Pod(ObjectMeta.builder().namespace("default").name("x")
            .labels(Map.of("app", "web", "old", "1")).build(), null));

    @Test
    void setsAndRemoves() {
        assertThat(jctl.run("label", "pod", "x", "tier=frontend", "old-")).isEqualTo(
                new Jctl.Result(0, "pod/x labeled\n", ""));
        assertThat(labels()).isEqualTo(Map.of("app", "web", "tier", "frontend"));
    }

    @Test
    void refusesToOverwriteUnlessAsked() {
        assertThat(jctl.run("label", "po", "x", "app=api")).isEqualTo(new Jctl.Result(1, "",
                "error: 'app' already has a value (web), and --overwrite is false\n"));
        assertThat(jctl.run("label", "po", "x", "app=web").exit()).isZero();
        assertThat(jctl.run("label", "po", "x", "app=api", "--overwrite").exit()).isZero();
        assertThat(labels()).containsEntry("app", "api");
    }

    @Test
    void labelsClusterScopedObjects() {
        FakeKindClient<Node> nodes = jctl.clients.of(Kinds.NODE);
        nodes.seed(new Node(ObjectMeta.named(null, "n1"), null));

        assertThat(jctl.run("label", "node", "n1", "disk=ssd")).isEqualTo(new Jctl.Result(0, "node/n1 labeled\n", ""));
        assertThat(nodes.stored(null, "n1").metadata().labels()).isEqualTo(Map.of("disk", "ssd"));
    }

    @Test
    void theServersValidationErrorIsShownFieldByField() {
        pods.beforeNextUpdate(() -> {
            throw ApiException.invalid("pods", "x", List.of(new FieldError("metadata.labels[tier]",
                    "a valid label must be an empty string or consist of alphanumeric characters")));
        });

        assertThat(jctl.run("label", "pod", "x", "tier=-bad-")).isEqualTo(new Jctl.Result(1, "",
                "error: pods \"x\" is invalid:\n  metadata.labels[tier]: a valid label must be an empty string or"
                        + " consist of alphanumeric characters\n"));
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        String stale = seeded.metadata().resourceVersion();
        jctl.run("label", "pod", "x", "bump=1");

        assertThat(jctl.run("label", "pod", "x", "k=v", "--resource-version", stale)).isEqualTo(new Jctl.Result(1, "",
                "error: Operation cannot be fulfilled on pods \"x\": the object has been modified; please apply"
                        + " your changes to the latest version and try again\n"));
        String current = pods.stored("default", "x").metadata().resourceVersion();
        assertThat(jctl.run("label", "pod", "x", "k=v", "--resource-version", current).exit()).isZero();
    }

    @Test
    void malformedChangesAreUsageErrors() {
        assertThat(jctl.run("label", "pod", "x", "tier")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: invalid label spec: 'tier'; use KEY=VALUE to set a label or KEY- to remove one\n"
                        + "See 'jctl label -h'\n"));
        assertThat(jctl.run("label", "pod", "x", "a=1", "a-")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: can not both modify and remove the following label(s) in the same command: a\n"
                        + "See 'jctl label -h'\n"));
        assertThat(jctl.run("label", "pod", "x")).isEqualTo(new Jctl.Result(ExitCodes.USAGE, "",
                "error: Missing required parameter: 'KEY=VALUE|KEY-'\nSee 'jctl label -h'\n"));
    }

    @Test
    void aMissingObjectIsNotFound() {
        assertThat(jctl.run("label", "pod", "nope", "k=v")).isEqualTo(
                new Jctl.Result(1, "", "error: pods \"nope\" not found\n"));
    }

    private Map<String, String> labels() {
        return pods.stored("default", "x").metadata().labels();
    }
}
