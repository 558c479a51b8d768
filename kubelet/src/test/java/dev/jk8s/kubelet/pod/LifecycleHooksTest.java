package dev.jk8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Lifecycle;
import dev.jk8s.api.core.LifecycleHandler;
import dev.jk8s.api.core.Pod;
import dev.jk8s.kubelet.probe.HookHandlers;
import dev.jk8s.kubelet.runtime.ExecResult;
import dev.jk8s.kubelet.runtime.FakeRuntime;
import dev.jk8s.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grace accounting of preStop hooks (Kubernetes' killContainer), and what a failing hook leaves behind. */
class LifecycleHooksTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeRuntime runtime = new FakeRuntime(clock);
    final PodSyncerTest.RecordingApi api = new PodSyncerTest.RecordingApi();
    final LifecycleHooks hooks = new LifecycleHooks(new HookHandlers(runtime, clock::advance), api, clock);
    final Pod pod = PodSyncerTest.pod("web", "  containers:\n  - {name: web, image: jk8s/busybox:1.0}\n");

    @ParameterizedTest(name = "grace {0} ms, hook took {1} ms -> SIGTERM gets {2} ms")
    @CsvSource({
            "30000, 0, 30000",
            "30000, 2500, 27500",
            "30000, 28000, 2000",
            "30000, 29000, 2000", // less than 2 s left: Kubernetes' minimum after a hook
            "30000, 30000, 2000", // the hook used it all and was abandoned
            "30000, 45000, 2000",
            "1000, 0, 2000"})
    void sigtermGetsWhatTheHookLeftButAtLeastTwoSeconds(long grace, long took, long left) {
        assertThat(LifecycleHooks.graceAfterHook(Duration.ofMillis(grace), Duration.ofMillis(took)))
                .isEqualTo(Duration.ofMillis(left));
    }

    @Test
    void aSleepHookCountsAgainstTheGracePeriod() {
        Duration left = hooks.preStop(pod, with(LifecycleHandler.sleep(5)), "c1", null, Duration.ofSeconds(30));

        assertThat(left).isEqualTo(Duration.ofSeconds(25));
        assertThat(api.events).isEmpty();
    }

    @Test
    void aHookLongerThanTheGracePeriodIsCutAtItsEnd() {
        Duration left = hooks.preStop(pod, with(LifecycleHandler.sleep(600)), "c1", null, Duration.ofSeconds(30));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-01T10:00:30Z"));
        assertThat(left).isEqualTo(LifecycleHooks.graceAfterHook(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @Test
    void aFailingHookIsAWarningEventAndTheStopGoesOn() {
        runtime.onExec(cmd -> {
            clock.advance(Duration.ofSeconds(4));
            return new ExecResult(1, "no such file");
        });

        Duration left = hooks.preStop(pod, with(LifecycleHandler.exec("/drain")), "c1", null, Duration.ofSeconds(30));

        assertThat(left).isEqualTo(Duration.ofSeconds(26));
        assertThat(api.events).containsExactly(
                "Warning FailedPreStopHook PreStopHook of container web failed: command \"/drain\" exited with code 1");
    }

    @Test
    void noGraceMeansNoHook() {
        runtime.onExec(cmd -> {
            throw new AssertionError("a kill runs no hook");
        });

        assertThat(hooks.preStop(pod, with(LifecycleHandler.exec("/drain")), "c1", null, Duration.ZERO)).isZero();
    }

    @Test
    void aContainerWithoutAHookKeepsItsWholeGrace() {
        Container plain = Container.of("web", "jk8s/busybox:1.0");

        assertThat(hooks.preStop(pod, plain, "c1", null, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(hooks.postStart(pod, plain, "c1", null, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void aFailingPostStartHookIsAWarningEvent() {
        runtime.onExec(cmd -> new ExecResult(2, ""));
        Container c = Container.of("web", "jk8s/busybox:1.0").withLifecycle(new Lifecycle(LifecycleHandler.exec("warm"), null));

        assertThat(hooks.postStart(pod, c, "c1", null, Duration.ofSeconds(30))).isFalse();
        assertThat(api.events).containsExactly(
                "Warning FailedPostStartHook PostStartHook of container web failed: command \"warm\" exited with code 2");
    }

    private static Container with(LifecycleHandler preStop) {
        return Container.of("web", "jk8s/busybox:1.0").withLifecycle(Lifecycle.preStop(preStop));
    }
}
