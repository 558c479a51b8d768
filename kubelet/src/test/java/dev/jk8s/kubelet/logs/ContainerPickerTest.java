package dev.jk8s.kubelet.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.proto.ContainerLogsRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class ContainerPickerTest {

    private static final PodRef WEB = new PodRef("default", "web", "uid-1");
    private static final PodRef OLD_WEB = new PodRef("default", "web", "uid-0");

    private static ContainerLogsRequest req(String uid, String container, boolean previous) {
        return ContainerLogsRequest.newBuilder().setNamespace("default").setPod("web").setPodUid(uid)
                .setContainer(container).setPrevious(previous).build();
    }

    private static List<RuntimeContainer> pod(Consumer<LogsRuntime> setup) {
        LogsRuntime r = new LogsRuntime();
        setup.accept(r);
        return r.containers;
    }

    /** name, request, the pod's containers on the node, the id picked. */
    static Stream<Arguments> picks() {
        return Stream.of(
                Arguments.of("the latest attempt", req("uid-1", "app", false),
                        pod(r -> { r.addSandbox(WEB); r.add("n1", WEB, "app", 0, ""); r.add("n1", WEB, "app", 2, "");
                            r.add("n1", WEB, "app", 1, ""); }), "web-app-2-uid-1"),
                Arguments.of("previous: the attempt before the latest", req("uid-1", "app", true),
                        pod(r -> { r.add("n1", WEB, "app", 0, ""); r.add("n1", WEB, "app", 2, "");
                            r.add("n1", WEB, "app", 1, ""); }), "web-app-1-uid-1"),
                Arguments.of("previous while waiting to restart: the instance that just ended", req("uid-1", "app", true),
                        List.of(new RuntimeContainer("ended", WEB, "app", 1, RuntimeContainer.State.EXITED, 1, "Error",
                                        Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "img", "sha256:1", null),
                                new RuntimeContainer("before", WEB, "app", 0, RuntimeContainer.State.EXITED, 1, "Error",
                                        Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "img", "sha256:1", null)), "ended"),
                Arguments.of("the named container, not its sibling", req("uid-1", "b", false),
                        pod(r -> { r.add("n1", WEB, "a", 3, ""); r.add("n1", WEB, "b", 0, ""); }), "web-b-0-uid-1"),
                Arguments.of("the pod instance of the uid, not an older one of the same name", req("uid-1", "app", false),
                        pod(r -> { r.add("n1", OLD_WEB, "app", 5, ""); r.add("n1", WEB, "app", 0, ""); }),
                        "web-app-0-uid-1"),
                Arguments.of("no uid: the newest pod instance", req("", "app", false),
                        pod(r -> { r.add("n1", OLD_WEB, "app", 0, ""); r.add("n1", WEB, "app", 1, ""); }),
                        "web-app-1-uid-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("picks")
    void picks(String name, ContainerLogsRequest req, List<RuntimeContainer> containers, String id) {
        assertThat(ContainerPicker.pick(req, "n1", containers).id()).isEqualTo(id);
    }

    /** name, request, the pod's containers on the node, reason, message. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("only another instance of the pod is here", req("uid-1", "app", false),
                        pod(r -> r.add("n1", OLD_WEB, "app", 0, "")), Reason.NOT_FOUND,
                        "pods \"web\" not found on node n1"),
                Arguments.of("no previous instance", req("uid-1", "app", true),
                        pod(r -> r.add("n1", WEB, "app", 0, "")), Reason.BAD_REQUEST,
                        "previous terminated container \"app\" in pod \"web\" not found"),
                Arguments.of("nothing of the pod here yet", req("uid-1", "app", false), List.of(), Reason.BAD_REQUEST,
                        "container \"app\" in pod \"web\" is waiting to start: ContainerCreating"),
                Arguments.of("only the sandbox so far", req("uid-1", "app", false), pod(r -> r.addSandbox(WEB)),
                        Reason.BAD_REQUEST, "container \"app\" in pod \"web\" is waiting to start: ContainerCreating"),
                Arguments.of("created, never started", req("uid-1", "app", false),
                        List.of(new RuntimeContainer("c1", WEB, "app", 0, RuntimeContainer.State.CREATED, null, null,
                                Instant.EPOCH, null, null, "img", "sha256:1", null)),
                        Reason.BAD_REQUEST, "container \"app\" in pod \"web\" is waiting to start: ContainerCreating"),
                Arguments.of("a container the pod has not run here", req("uid-1", "c", false),
                        pod(r -> { r.add("n1", WEB, "b", 0, ""); r.add("n1", WEB, "a", 0, ""); r.addSandbox(WEB); }),
                        Reason.BAD_REQUEST, "container \"c\" is not valid for pod \"web\" on node n1, choose one of: [a b]"
                                + " (a container that has not started yet has no log)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, ContainerLogsRequest req, List<RuntimeContainer> containers, Reason reason, String message) {
        assertThatThrownBy(() -> ContainerPicker.pick(req, "n1", containers))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void theSandboxsLogIsNeverPicked() {
        assertThatThrownBy(() -> ContainerPicker.pick(req("uid-1", "POD", false), "n1", pod(r -> {
            r.addSandbox(WEB);
            r.add("n1", WEB, "app", 0, "");
        }))).isInstanceOf(ApiException.class).hasMessageContaining("choose one of: [app]");
    }
}
