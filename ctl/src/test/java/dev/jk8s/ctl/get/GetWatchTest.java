package dev.jk8s.ctl.get;

import static dev.jk8s.ctl.get.GetObjects.meta;
import static dev.jk8s.ctl.get.GetObjects.pod;
import static dev.jk8s.ctl.get.GetObjects.running;
import static dev.jk8s.ctl.get.GetObjects.status;
import static dev.jk8s.ctl.get.GetObjects.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code get -w}: the fake's {@code whenWatched} actions run on the command's thread right after
 * its watch starts, so the changes and the end of the watch are deterministic (no sleeps).
 */
@Timeout(10)
class GetWatchTest {

    private static final String HEADER = "NAME    READY   STATUS    RESTARTS   AGE\n";
    private static final String WEB_1 = "web-1   1/1     Running   0          90s\n";

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<Pod> pods = jctl.clients.of(Kinds.POD);

    @BeforeEach
    void seed() {
        pods.seed(pod("web-1", PodStatus.RUNNING, running(true)));
    }

    @Test
    void printsTheListThenEachChangeAsARowUntilTheWatchIsClosed() {
        pods.whenWatched(() -> {
            Pod created = pods.seed(pod("web-2", PodStatus.PENDING, waiting("ContainerCreating", 0)));
            pods.update(created.withStatus(status(PodStatus.RUNNING, List.of(), List.of(running(true)))), false);
            pods.closeWatches(null);
        });

        Jctl.Result r = jctl.run("get", "pods", "-w");

        assertThat(r).isEqualTo(new Jctl.Result(0, HEADER + WEB_1
                + "web-2   0/1     ContainerCreating   0          90s\n"
                + "web-2   1/1     Running   0          90s\n", ""));
        assertThat(pods.watchedFrom()).containsExactly(101L);
    }

    @Test
    void relistsAfterExpiredAndPrintsOnlyWhatChanged() {
        pods.whenWatched(() -> {
            pods.closeWatches(ApiException.expired("too old resource version: 101"));
            pods.seed(pod("web-2", PodStatus.RUNNING, running(true)));
        });
        pods.whenWatched(() -> pods.closeWatches(null));

        Jctl.Result r = jctl.run("get", "pods", "--watch");

        assertThat(r).isEqualTo(new Jctl.Result(0, HEADER + WEB_1 + "web-2   1/1     Running   0          90s\n", ""));
        assertThat(pods.watchedFrom()).containsExactly(101L, 102L);
    }

    @Test
    void anApiserverGoneAwayEndsWithAnError() {
        pods.whenWatched(() -> pods.closeWatches(ApiException.unavailable("the apiserver at fake:6443 is unreachable")));

        Jctl.Result r = jctl.run("get", "pods", "-w");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(HEADER + WEB_1);
        assertThat(r.err()).startsWith("error: cannot reach the apiserver at fake:6443: is it running?");
    }

    @Test
    void printsEachChangeAsAYamlDocument() {
        pods.whenWatched(() -> {
            pods.update(pods.stored("default", "web-1").withMetadata(meta("web-1").withResourceVersion(null)
                    .withLabels(java.util.Map.of("app", "web"))), false);
            pods.closeWatches(null);
        });

        String out = jctl.run("get", "pods", "-w", "-o", "yaml").out();

        assertThat(out).startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n")
                .contains("\n---\napiVersion: v1\nkind: Pod\n").doesNotContain("kind: List");
        assertThat(out.split("\n---\n")).hasSize(2);
        assertThat(out.split("\n---\n")[1]).contains("app: web");
    }

    @Test
    void watchingByNameShowsOnlyThatObject() {
        pods.whenWatched(() -> {
            pods.seed(pod("other", PodStatus.RUNNING, running(true)));
            pods.update(pods.stored("default", "web-1").withStatus(status(PodStatus.RUNNING, List.of(),
                    List.of(waiting("CrashLoopBackOff", 1)))), false);
            pods.closeWatches(null);
        });

        Jctl.Result r = jctl.run("get", "pods", "web-1", "-w");

        assertThat(r.out()).isEqualTo(HEADER + WEB_1 + "web-1   0/1     CrashLoopBackOff   1          90s\n");
    }
}
