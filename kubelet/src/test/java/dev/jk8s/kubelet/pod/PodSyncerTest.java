package dev.jk8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Secret;
import dev.jk8s.kubelet.runtime.FakeRuntime;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.testkit.ManualClock;
import dev.jk8s.testkit.TestObjects;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod sync loop against an in-memory runtime and a recording API: what the node does and reports. */
class PodSyncerTest {

    static final String NODE = "n1";

    @TempDir
    Path root;

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeRuntime runtime = new FakeRuntime(clock).addImage("jk8s/pause:1.0").addImage("jk8s/busybox:1.0");
    final RecordingApi api = new RecordingApi();
    final Set<String> livenessFailed = ConcurrentHashMap.newKeySet();
    final List<String> wakes = new CopyOnWriteArrayList<>();
    PodSyncer syncer;

    @BeforeEach
    void setUp() {
        syncer = newSyncer();
    }

    private PodSyncer newSyncer() {
        ProbeResults probes = new ProbeResults() {
            @Override
            public void sync(dev.jk8s.kubelet.runtime.PodRef pod, String podIp, List<dev.jk8s.kubelet.probe.RunningContainer> running) {
            }

            @Override
            public void forget(dev.jk8s.kubelet.runtime.PodRef pod) {
            }

            @Override
            public boolean ready(String containerId) {
                return true;
            }

            @Override
            public boolean livenessFailed(String containerId) {
                return PodSyncerTest.this.livenessFailed.contains(containerId);
            }

            @Override
            public Optional<String> failure(String containerId) {
                return livenessFailed(containerId) ? Optional.of("Liveness probe failed: command \"cat /tmp/x\" exited with code 1")
                        : Optional.empty();
            }
        };
        return new PodSyncer(new PodSyncer.Config(NODE, "127.0.0.1", "jk8s/pause:1.0", Duration.ofSeconds(10),
                Duration.ofSeconds(300), false), runtime, api, probes, new PodVolumes(root, api), Runnable::run, ref -> wakes.add(ref.key()), clock,
                clock::advance);
    }

    static Pod pod(String name, String spec) {
        Pod p = (Pod) TestObjects.parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: default\n"
                + "  uid: uid-" + name + "\nspec:\n  nodeName: n1\n" + spec);
        return p;
    }

    static final String TWO = """
              containers:
              - {name: web, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
              - {name: side, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
            """;

    /** Syncs as the work queue would: with the API's latest copy of the pod. */
    private Optional<Duration> sync(Pod pod) {
        Pod current = api.latest(pod);
        return syncer.sync("default", pod.metadata().name(), current);
    }

    @Test
    void aNewPodGetsASandboxAndItsContainersAndIsReportedRunningAndReady() {
        Pod pod = pod("web", TWO);
        sync(pod);

        assertThat(runtime.started).containsExactly("default/web/web#0", "default/web/side#0");
        PodStatus s = api.latest(pod).status();
        assertThat(s.phase()).isEqualTo("Running");
        assertThat(s.podIP()).startsWith("127.244.");
        assertThat(s.hostIP()).isEqualTo("127.0.0.1");
        assertThat(s.containerStatuses()).extracting(ContainerStatus::name, ContainerStatus::isReady, ContainerStatus::restartCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", true, 0), org.assertj.core.groups.Tuple.tuple("side", true, 0));
        assertThat(s.conditions()).filteredOn(c -> c.type().equals("Ready")).singleElement().satisfies(c -> assertThat(c.isTrue()).isTrue());
        assertThat(s.containerStatuses().get(0).containerID()).startsWith("fake://");
    }

    @Test
    void syncingAgainChangesNothingAndWritesNoStatus() {
        Pod pod = pod("web", TWO);
        sync(pod);
        int writes = api.statusWrites.size();
        sync(pod);
        sync(pod);

        assertThat(runtime.started).hasSize(2);
        assertThat(api.statusWrites).hasSize(writes);
    }

    @Test
    void aRestartedKubeletAdoptsTheRunningContainers() {
        Pod pod = pod("web", TWO);
        sync(pod);
        List<String> ids = runtime.list(NODE).stream().map(RuntimeContainer::id).sorted().toList();

        syncer = newSyncer(); // a new process: nothing in memory
        sync(pod);

        assertThat(runtime.list(NODE).stream().map(RuntimeContainer::id).sorted().toList()).isEqualTo(ids);
        assertThat(runtime.started).hasSize(2);
        assertThat(runtime.stopped).isEmpty();
    }

    @Test
    void aCrashingContainerRestartsAtOnceThenBacksOffWithGrowingDelays() {
        Pod pod = pod("crash", "  containers:\n  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}\n");
        runtime.onStart(spec -> 1); // every instance exits 1 at once
        sync(pod);
        assertThat(runtime.started).containsExactly("default/crash/app#0");

        sync(pod); // restarts at once: the first restart has no back-off
        assertThat(runtime.started).containsExactly("default/crash/app#0", "default/crash/app#1");

        Optional<Duration> again = sync(pod);
        ContainerStatus app = api.latest(pod).status().containerStatuses().get(0);
        assertThat(app.state().waiting().reason()).isEqualTo("CrashLoopBackOff");
        assertThat(app.state().waiting().message()).startsWith("back-off 10s restarting failed container=app pod=crash_default(uid-crash)");
        assertThat(app.lastState().terminated().exitCode()).isEqualTo(1);
        assertThat(app.restartCount()).isEqualTo(1);
        assertThat(api.latest(pod).status().phase()).isEqualTo("Running");
        assertThat(again).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11)));

        clock.advance(Duration.ofSeconds(10));
        sync(pod);
        assertThat(runtime.started).hasSize(3);
        assertThat(sync(pod)).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(21)));
        assertThat(api.latest(pod).status().containerStatuses().get(0).restartCount()).isEqualTo(2);
    }

    @Test
    void olderInstancesAreRemovedButThePreviousOneIsKeptForItsLog() {
        Pod pod = pod("crash", "  containers:\n  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}\n");
        runtime.onStart(spec -> 1);
        for (int i = 0; i < 4; i++) {
            sync(pod);
            clock.advance(Duration.ofSeconds(301));
        }
        assertThat(runtime.listPod(NODE, "default", "crash").stream().filter(c -> !c.isSandbox()).map(RuntimeContainer::attempt))
                .containsExactlyInAnyOrder(3, 2);
    }

    @Test
    void aMissingImageIsErrImagePullThenImagePullBackOffWithTheEnginesMessage() {
        Pod pod = pod("missing", "  containers:\n  - {name: app, image: 127.0.0.1:5999/none:1, imagePullPolicy: IfNotPresent}\n");
        Optional<Duration> again = sync(pod);
        ContainerStatus first = api.latest(pod).status().containerStatuses().get(0);
        assertThat(first.state().waiting().reason()).isEqualTo("ErrImagePull");
        assertThat(first.state().waiting().message())
                .isEqualTo("Failed to pull image \"127.0.0.1:5999/none:1\": pull access denied for 127.0.0.1:5999/none:1: the fake runtime has no registry");
        assertThat(again).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        sync(pod);
        ContainerStatus later = api.latest(pod).status().containerStatuses().get(0);
        assertThat(later.state().waiting().reason()).isEqualTo("ImagePullBackOff");
        assertThat(later.state().waiting().message()).startsWith("Back-off pulling image \"127.0.0.1:5999/none:1\": Failed to pull image");
        assertThat(api.latest(pod).status().phase()).isEqualTo("Pending");
        assertThat(api.events).contains("Warning Failed Error: ErrImagePull: Failed to pull image \"127.0.0.1:5999/none:1\": "
                + "pull access denied for 127.0.0.1:5999/none:1: the fake runtime has no registry");
    }

    @Test
    void nothingIsPulledFromARegistryOffThisHost() {
        Pod pod = pod("hub", "  containers:\n  - {name: app, image: nginx, imagePullPolicy: Always}\n");
        sync(pod);
        ContainerState.Waiting w = api.latest(pod).status().containerStatuses().get(0).state().waiting();
        assertThat(w).isEqualTo(new ContainerState.Waiting("ErrImagePull", "Failed to pull image \"nginx\": pulling from"
                + " docker.io is disabled on this node (it pulls only from registries on 127.0.0.0/8); build the image on"
                + " the node (images/build) and use imagePullPolicy: IfNotPresent"));
        assertThat(api.events).noneMatch(e -> e.contains("Pulling"));
    }

    @Test
    void withRemotePullsDisabledPolicyAlwaysRunsAnImageAlreadyOnTheNode() {
        runtime.addImage("nginx");
        Pod pod = pod("docs", "  containers:\n  - {name: app, image: nginx, imagePullPolicy: Always}\n");
        sync(pod);
        assertThat(api.latest(pod).status().containerStatuses().get(0).state().waiting()).isNull();
        assertThat(api.events).anyMatch(e -> e.contains("Container image \"nginx\" already present on machine; pulling from"
                + " docker.io is disabled on this node, so imagePullPolicy Always uses it"));
    }

    @Test
    void pullPolicyNeverNeverPulls() {
        Pod pod = pod("never", "  containers:\n  - {name: app, image: local/absent:1, imagePullPolicy: Never}\n");
        sync(pod);
        ContainerState.Waiting w = api.latest(pod).status().containerStatuses().get(0).state().waiting();
        assertThat(w).isEqualTo(new ContainerState.Waiting("ErrImageNeverPull",
                "Container image \"local/absent:1\" is not present with pull policy of Never"));
    }

    @Test
    void aPodThatRanToCompletionSucceedsAndItsSandboxStops() {
        Pod pod = pod("job", "  restartPolicy: Never\n  containers:\n  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}\n");
        runtime.onStart(spec -> 0);
        sync(pod);
        sync(pod);

        assertThat(api.latest(pod).status().phase()).isEqualTo("Succeeded");
        assertThat(api.latest(pod).status().containerStatuses().get(0).state().terminated().reason()).isEqualTo("Completed");
        assertThat(runtime.listPod(NODE, "default", "job")).noneMatch(RuntimeContainer::isRunning);
        assertThat(runtime.started).hasSize(1);
    }

    @Test
    void onFailureRestartsOnlyAFailedContainer() {
        Pod pod = pod("of", "  restartPolicy: OnFailure\n  containers:\n  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}\n");
        runtime.onStart(spec -> spec.attempt() == 0 ? 3 : 0);
        sync(pod);
        sync(pod);
        sync(pod);

        assertThat(runtime.started).containsExactly("default/of/app#0", "default/of/app#1");
        assertThat(api.latest(pod).status().phase()).isEqualTo("Succeeded");
    }

    @Test
    void aFailedLivenessProbeStopsTheContainerAndItRestarts() {
        Pod pod = pod("live", "  containers:\n  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}\n");
        sync(pod);
        String first = runtime.listPod(NODE, "default", "live").stream().filter(c -> !c.isSandbox()).findFirst().orElseThrow().id();
        livenessFailed.add(first);

        sync(pod);
        sync(pod);

        assertThat(runtime.stopped).containsExactly(first);
        assertThat(runtime.started).containsExactly("default/live/app#0", "default/live/app#1");
        assertThat(api.events).contains("Warning Unhealthy Liveness probe failed: command \"cat /tmp/x\" exited with code 1",
                "Normal Killing Container app failed liveness probe, will be restarted");
    }

    @Test
    void aTerminatingPodIsStoppedRemovedAndThenDeletedForGood() {
        Pod pod = pod("bye", TWO);
        sync(pod);
        Pod terminating = api.latest(pod).withMetadata(api.latest(pod).metadata().toBuilder()
                .deletionTimestamp(clock.instant().plusSeconds(5)).deletionGracePeriodSeconds(5L).build());
        Optional<Duration> again = syncer.sync("default", "bye", terminating);
        assertThat(api.deleted).isEmpty(); // not before its containers have stopped
        assertThat(again).hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofSeconds(7)));
        assertThat(wakes).containsOnly("default/bye"); // each stop that ends asks for another sync
        syncer.sync("default", "bye", terminating);

        assertThat(runtime.listPod(NODE, "default", "bye")).isEmpty();
        assertThat(api.deleted).containsExactly("default/bye(uid-bye)");
    }

    @Test
    void aKubeletRestartedDuringTerminationGivesOnlyWhatIsLeftOfTheGracePeriod() {
        Pod pod = pod("late", "  terminationGracePeriodSeconds: 30\n  containers:\n  - {name: app, image: jk8s/busybox:1.0}\n");
        sync(pod);
        Pod terminating = api.latest(pod).withMetadata(api.latest(pod).metadata().toBuilder()
                .deletionTimestamp(clock.instant().plusSeconds(30)).deletionGracePeriodSeconds(30L).build());
        clock.advance(Duration.ofSeconds(25)); // the first kubelet was killed 25 s into the grace period

        newSyncer().sync("default", "late", terminating);

        assertThat(runtime.graces).containsExactly(Duration.ofSeconds(5));
    }

    static final String PRE_STOP = """
              terminationGracePeriodSeconds: 30
              containers:
              - name: web
                image: jk8s/busybox:1.0
                lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 3"]}}}
              - {name: side, image: jk8s/busybox:1.0}
            """;

    private Pod terminating(Pod pod, long graceSeconds) {
        Pod latest = api.latest(pod);
        return latest.withMetadata(latest.metadata().toBuilder()
                .deletionTimestamp(clock.instant().plusSeconds(graceSeconds)).deletionGracePeriodSeconds(graceSeconds).build());
    }

    private String idOf(String pod, String container) {
        return runtime.listPod(NODE, "default", pod).stream().filter(c -> c.name().equals(container)).findFirst().orElseThrow().id();
    }

    @Test
    void aDeletedPodRunsThePreStopHookFirstAndItsTimeCountsAgainstTheGracePeriod() {
        Pod pod = pod("hooked", PRE_STOP);
        sync(pod);
        String web = idOf("hooked", "web");
        List<String> seen = new CopyOnWriteArrayList<>();
        runtime.onExec(cmd -> {
            seen.add(cmd + (runtime.stopped.contains(web) ? " after" : " before") + " the stop");
            clock.advance(Duration.ofSeconds(3));
            return new dev.jk8s.kubelet.runtime.ExecResult(0, "");
        });

        syncer.sync("default", "hooked", terminating(pod, 30));

        assertThat(seen).containsExactly("[sh, -c, sleep 3] before the stop"); // only web has a hook
        assertThat(runtime.graces.get(runtime.stopped.indexOf(web))).isEqualTo(Duration.ofSeconds(27));
        assertThat(runtime.graces).containsExactlyInAnyOrder(Duration.ofSeconds(27), Duration.ofSeconds(30));
        assertThat(api.events).noneMatch(e -> e.contains("FailedPreStopHook"));
    }

    @Test
    void aSleepHookTakesItsSecondsOutOfWhatIsLeftOfTheGracePeriod() {
        Pod pod = pod("nap", "  containers:\n  - {name: web, image: jk8s/busybox:1.0, lifecycle: {preStop: {sleep: {seconds: 2}}}}\n");
        sync(pod);
        Pod terminating = terminating(pod, 10);
        clock.advance(Duration.ofSeconds(1)); // the deletion was seen a second late

        syncer.sync("default", "nap", terminating);

        assertThat(runtime.graces).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aFailingPreStopHookIsAWarningEventAndTheContainerStillStops() {
        Pod pod = pod("sad", PRE_STOP);
        sync(pod);
        runtime.onExec(cmd -> new dev.jk8s.kubelet.runtime.ExecResult(127, "sh: not found"));

        syncer.sync("default", "sad", terminating(pod, 30));
        syncer.sync("default", "sad", terminating(pod, 30));

        assertThat(api.events).contains("Warning FailedPreStopHook PreStopHook of container web failed: "
                + "command \"sh -c sleep 3\" exited with code 127");
        assertThat(runtime.listPod(NODE, "default", "sad")).isEmpty();
        assertThat(api.deleted).containsExactly("default/sad(uid-sad)");
    }

    @Test
    void aContainerThatHasAlreadyExitedGetsNoPreStopHook() {
        Pod pod = pod("done", "  restartPolicy: Never\n" + PRE_STOP.substring(PRE_STOP.indexOf("  containers:")));
        sync(pod);
        runtime.exit(idOf("done", "web"), 0);
        sync(pod);
        runtime.onExec(cmd -> {
            throw new AssertionError("no hook for a container that has exited: " + cmd);
        });

        syncer.sync("default", "done", terminating(pod, 30));

        assertThat(runtime.stopped).doesNotContain(idOf("done", "web"));
        assertThat(api.events).noneMatch(e -> e.contains("Hook"));
    }

    @Test
    void aContainerKilledForItsLivenessRunsItsPreStopHookToo() {
        Pod pod = pod("sick", PRE_STOP);
        sync(pod);
        List<String> execs = new CopyOnWriteArrayList<>();
        runtime.onExec(cmd -> {
            execs.add(String.join(" ", cmd));
            return new dev.jk8s.kubelet.runtime.ExecResult(0, "");
        });
        livenessFailed.add(idOf("sick", "web"));

        sync(pod);
        sync(pod);

        assertThat(execs).containsExactly("sh -c sleep 3");
        assertThat(runtime.started).contains("default/sick/web#1");
    }

    @Test
    void aFailingPostStartHookKillsTheContainerWhichThenRestarts() {
        Pod pod = pod("warm", "  containers:\n  - {name: web, image: jk8s/busybox:1.0, lifecycle: {postStart: {exec: {command: [warm-up]}}}}\n");
        runtime.onExec(cmd -> new dev.jk8s.kubelet.runtime.ExecResult(1, ""));

        sync(pod);
        String first = runtime.started.get(0);
        runtime.onExec(cmd -> new dev.jk8s.kubelet.runtime.ExecResult(0, ""));
        sync(pod);

        assertThat(first).isEqualTo("default/warm/web#0");
        assertThat(runtime.stopped).hasSize(1);
        assertThat(api.events).contains("Warning FailedPostStartHook PostStartHook of container web failed: "
                + "command \"warm-up\" exited with code 1");
        assertThat(runtime.started).containsExactly("default/warm/web#0", "default/warm/web#1");
    }

    @Test
    void aContainerCreatedButNeverStartedIsReplacedWithoutCountingARestart() {
        Pod pod = pod("half", "  containers:\n  - {name: app, image: jk8s/busybox:1.0}\n");
        sync(pod);
        String app = runtime.listPod(NODE, "default", "half").stream().filter(c -> !c.isSandbox()).findFirst().orElseThrow().id();
        runtime.remove(app);
        String leftover = runtime.addCreated(new dev.jk8s.kubelet.runtime.ContainerSpec(NODE,
                new dev.jk8s.kubelet.runtime.PodRef("default", "half", "uid-half"), "app", 0, "x", "jk8s/busybox:1.0",
                List.of(), List.of(), List.of(), null, List.of(), 0, 0));

        sync(pod);

        assertThat(runtime.started).containsExactly("default/half/app#0", "default/half/app#0");
        assertThat(runtime.listPod(NODE, "default", "half")).noneMatch(c -> c.id().equals(leftover));
        assertThat(api.latest(pod).status().containerStatuses().get(0).restartCount()).isZero();
    }

    @Test
    void stopsRunInTheBackgroundSoALongGracePeriodHoldsNoWorker() {
        List<Runnable> pending = new CopyOnWriteArrayList<>();
        PodSyncer queued = new PodSyncer(new PodSyncer.Config(NODE, "127.0.0.1", "jk8s/pause:1.0", Duration.ofSeconds(10),
                Duration.ofSeconds(300), false), runtime, api, ProbeResults.NONE, new PodVolumes(root, api), pending::add,
                ref -> wakes.add(ref.key()), clock);
        Pod pod = pod("slow", "  terminationGracePeriodSeconds: 300\n  containers:\n  - {name: app, image: jk8s/busybox:1.0}\n");
        queued.sync("default", "slow", pod);
        Pod terminating = api.latest(pod).withMetadata(api.latest(pod).metadata().toBuilder()
                .deletionTimestamp(clock.instant().plusSeconds(300)).deletionGracePeriodSeconds(300L).build());

        assertThat(queued.sync("default", "slow", terminating)).contains(Duration.ofSeconds(302));
        assertThat(queued.sync("default", "slow", terminating)).contains(Duration.ofSeconds(302));
        assertThat(pending).hasSize(1); // one stop under way, not two
        pending.get(0).run();
        assertThat(wakes).containsExactly("default/slow");
        assertThat(queued.sync("default", "slow", terminating)).isEmpty();
        assertThat(api.deleted).containsExactly("default/slow(uid-slow)");
    }

    @Test
    void containersOfAPodThatIsGoneAreRemoved() {
        Pod pod = pod("gone", TWO);
        sync(pod);
        syncer.sync("default", "gone", null);
        syncer.sync("default", "gone", null); // woken once the stops ended

        assertThat(runtime.listPod(NODE, "default", "gone")).isEmpty();
    }

    @Test
    void aPodReplacedUnderTheSameNameGetsFreshContainers() {
        Pod old = pod("same", TWO + "  volumes: [{name: scratch, emptyDir: {}}]\n");
        sync(old);
        assertThat(root.resolve("pods").resolve("uid-same")).isDirectory();
        Pod fresh = old.withMetadata(old.metadata().toBuilder().uid("uid-new").build());
        syncer.sync("default", "same", fresh);
        syncer.sync("default", "same", fresh); // woken once the old containers stopped

        assertThat(runtime.listPod(NODE, "default", "same")).allMatch(c -> c.pod().uid().equals("uid-new")).hasSize(3);
        assertThat(root.resolve("pods").resolve("uid-same")).doesNotExist();
    }

    @Test
    void aMissingConfigMapKeepsTheContainerWaitingWithCreateContainerConfigError() {
        Pod pod = pod("cfg", """
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    imagePullPolicy: IfNotPresent
                    env:
                    - name: MODE
                      valueFrom: {configMapKeyRef: {name: settings, key: mode}}
                """);
        sync(pod);
        ContainerState.Waiting w = api.latest(pod).status().containerStatuses().get(0).state().waiting();
        assertThat(w.reason()).isEqualTo("CreateContainerConfigError");
        assertThat(w.message()).isEqualTo("container \"app\", env MODE: configmaps \"settings\" not found");
    }

    @Test
    void initContainersRunOneAtATimeToSuccessBeforeTheAppContainers() {
        Pod pod = pod("init", """
                  initContainers:
                  - {name: first, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
                  - {name: second, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
                  containers:
                  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
                """);
        runtime.onStart(spec -> spec.name().equals("app") ? null : 0); // init containers complete at once
        sync(pod);
        assertThat(runtime.started).containsExactly("default/init/first#0");
        PodStatus initializing = api.latest(pod).status();
        assertThat(initializing.phase()).isEqualTo("Pending");
        assertThat(initializing.containerStatuses().get(0).state().waiting().reason()).isEqualTo("PodInitializing");
        assertThat(initializing.conditions()).filteredOn(c -> c.type().equals("Initialized")).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("containers with incomplete status: [second]"));

        sync(pod);
        sync(pod);
        assertThat(runtime.started).containsExactly("default/init/first#0", "default/init/second#0", "default/init/app#0");
        PodStatus running = api.latest(pod).status();
        assertThat(running.phase()).isEqualTo("Running");
        assertThat(running.initContainerStatuses()).allSatisfy(s -> {
            assertThat(s.isReady()).isTrue();
            assertThat(s.state().terminated().reason()).isEqualTo("Completed");
        });
        assertThat(runtime.listPod(NODE, "default", "init")).hasSize(4); // sandbox, both init containers kept, app
    }

    @Test
    void aFailedInitContainerFailsAPodThatNeverRestarts() {
        Pod pod = pod("initfail", """
                  restartPolicy: Never
                  initContainers:
                  - {name: setup, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
                  containers:
                  - {name: app, image: jk8s/busybox:1.0, imagePullPolicy: IfNotPresent}
                """);
        runtime.onStart(spec -> 2);
        sync(pod);
        sync(pod);

        assertThat(runtime.started).containsExactly("default/initfail/setup#0");
        assertThat(api.latest(pod).status().phase()).isEqualTo("Failed");
    }

    @Test
    void aSubPathThatLinksOutOfItsVolumeIsRefused() throws Exception {
        Pod pod = pod("escape", """
                  volumes: [{name: scratch, emptyDir: {}}]
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    volumeMounts: [{name: scratch, mountPath: /x, subPath: host}]
                """);
        // What a container could have done in the shared emptyDir: a link to the host's root.
        java.nio.file.Path dir = root.resolve("pods/uid-escape/volumes/empty-dir/scratch");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.createSymbolicLink(dir.resolve("host"), java.nio.file.Path.of("/"));

        sync(pod);

        ContainerState.Waiting w = api.latest(pod).status().containerStatuses().get(0).state().waiting();
        assertThat(w.reason()).isEqualTo("CreateContainerConfigError");
        assertThat(w.message()).isEqualTo("container \"app\": volumeMounts subPath \"host\" of volume \"scratch\" leads"
                + " outside the volume; use a path inside it");
        assertThat(runtime.started).isEmpty();
    }

    /** Records what the kubelet writes; keeps the latest pod as the apiserver would. */
    static final class RecordingApi implements PodApi {
        final ConcurrentHashMap<String, Pod> pods = new ConcurrentHashMap<>();
        final List<PodStatus> statusWrites = new CopyOnWriteArrayList<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        Pod latest(Pod pod) {
            return pods.getOrDefault(pod.metadata().uid(), pod);
        }

        @Override
        public long updateStatus(Pod pod, PodStatus status) {
            statusWrites.add(status);
            pods.put(pod.metadata().uid(), pod.withStatus(status));
            return 0;
        }

        @Override
        public void confirmDeletion(Pod pod) {
            deleted.add(pod.metadata().namespace() + "/" + pod.metadata().name() + "(" + pod.metadata().uid() + ")");
        }

        @Override
        public void event(Pod pod, String type, String reason, String message) {
            events.add(type + " " + reason + " " + message);
        }

        @Override
        public ConfigMap configMap(String namespace, String name) {
            throw ApiException.notFound("configmaps", name);
        }

        @Override
        public Secret secret(String namespace, String name) {
            throw ApiException.notFound("secrets", name);
        }
    }
}
