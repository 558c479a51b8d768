package dev.jk8s.kubelet.pod;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;
import dev.jk8s.api.core.ContainerState.Waiting;
import dev.jk8s.api.core.Pod;
import dev.jk8s.kubelet.pod.ImagePuller.ImageFailure;
import dev.jk8s.kubelet.probe.HookHandlers;
import dev.jk8s.kubelet.probe.RunningContainer;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.kubelet.runtime.SandboxSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges one pod of one node: reads what the runtime shows, plans ({@link PodPlanner}), acts,
 * reads again and writes the status ({@link PodStatuses}) if it changed. A terminating pod has
 * its containers stopped within what is left of its grace period and is then deleted for good;
 * containers whose pod is gone are removed. Stops run in the background ({@link ContainerStopper}),
 * so a sync never waits out a grace period. Safe to repeat; callers never sync the same pod on
 * two threads at once (the work queue guarantees it), different pods concurrently.
 */
public final class PodSyncer {

    private static final Logger LOG = LoggerFactory.getLogger(PodSyncer.class);
    /** Kubernetes' floor for a forced deletion: containers still get this long after SIGTERM. */
    static final Duration MIN_GRACE = Duration.ofSeconds(2);
    /** After a failed start, look again this soon so that ErrImagePull turns into ImagePullBackOff. */
    private static final Duration RECHECK_AFTER_FAILURE = Duration.ofSeconds(1);
    /**
     * The most a postStart hook may take. It holds the pod's worker (the container is not
     * running for Kubernetes until its postStart is done); Kubernetes sets no limit at all.
     */
    static final Duration POST_START_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param node          the node this kubelet runs
     * @param hostIp        the node's address (pods' status.hostIP)
     * @param sandboxImage  the local image of pod sandboxes (never pulled)
     * @param remotePulls   false: images are pulled only from registries on this host (127.0.0.0/8)
     */
    public record Config(String node, String hostIp, String sandboxImage, Duration backoffInitial, Duration backoffMax,
                         boolean remotePulls) {
    }

    private record StartFailure(Waiting waiting, Instant at) {
    }

    private final Config config;
    private final ContainerRuntime runtime;
    private final PodApi api;
    private final ProbeResults probes;
    private final PodVolumes volumes;
    private final ContainerSpecs specs;
    private final ImagePuller images;
    private final ContainerStopper stopper;
    private final LifecycleHooks hooks;
    private final Clock clock;
    private final RestartBackoff restarts;
    private final RestartBackoff starts;
    /** Why a container's last start failed and when, by {@code uid/name}, while its retry waits. */
    private final Map<String, StartFailure> startFailures = new ConcurrentHashMap<>();
    private final StatusWriter statuses;

    /**
     * @param stops runs container stops (each waits out a grace period); a cached pool
     * @param wake  asks for the pod to be synced again (a stop ended)
     */
    public PodSyncer(Config config, ContainerRuntime runtime, PodApi api, ProbeResults probes, PodVolumes volumes,
                     Executor stops, Consumer<PodRef> wake, Clock clock) {
        this(config, runtime, api, probes, volumes, stops, wake, clock, HookHandlers.Sleeper.REAL);
    }

    /** @param sleeper how sleep hooks wait (tests advance their manual clock; hollow nodes do not wait) */
    public PodSyncer(Config config, ContainerRuntime runtime, PodApi api, ProbeResults probes, PodVolumes volumes,
              Executor stops, Consumer<PodRef> wake, Clock clock, HookHandlers.Sleeper sleeper) {
        this.config = config;
        this.runtime = runtime;
        this.api = api;
        this.probes = probes;
        this.volumes = volumes;
        this.specs = new ContainerSpecs(config.node(), volumes, api);
        this.images = new ImagePuller(runtime, api, config.remotePulls());
        this.hooks = new LifecycleHooks(new HookHandlers(runtime, sleeper), api, clock);
        this.stopper = new ContainerStopper(runtime, hooks, stops, wake);
        this.clock = clock;
        this.statuses = new StatusWriter(api, probes, runtime.version().split("://", 2)[0], config.hostIp(), clock);
        this.restarts = new RestartBackoff(config.backoffInitial(), config.backoffMax());
        this.starts = new RestartBackoff(config.backoffInitial(), config.backoffMax());
    }

    public String node() {
        return config.node();
    }

    /**
     * Converges the pod {@code namespace/name}, whose API object is {@code pod} (null when it is
     * gone).
     *
     * @return when to sync it again though nothing changed (a back-off or a grace period ends), or empty
     */
    public Optional<Duration> sync(String namespace, String name, Pod pod) {
        List<RuntimeContainer> observed = runtime.listPod(config.node(), namespace, name);
        if (pod == null || !config.node().equals(pod.spec().nodeName())) {
            // no spec to go by: no preStop hook (Kubernetes' kubelet keeps hooks in container labels; not this one)
            return removeAll(null, observed, MIN_GRACE);
        }
        if (pod.metadata().isTerminating()) {
            Optional<Duration> again = removeAll(pod, observed, remainingGrace(pod));
            if (again.isEmpty()) {
                api.confirmDeletion(pod);
            }
            return again;
        }
        if (pod.status().isTerminal() && observed.stream().noneMatch(RuntimeContainer::isRunning)) {
            return Optional.empty(); // finished for good: nothing runs, the status is final
        }
        return run(pod, observed);
    }

    private Optional<Duration> run(Pod pod, List<RuntimeContainer> observed) {
        PodPlan plan = PodPlanner.plan(pod, observed, observations(pod));
        Map<String, Waiting> waiting = new HashMap<>(plan.waiting());
        boolean failed = execute(pod, plan, observed, waiting);
        List<RuntimeContainer> now = runtime.listPod(config.node(), pod.metadata().namespace(), pod.metadata().name());
        forgetReplaced(pod, observed, now);
        List<RuntimeContainer> mine = now.stream().filter(c -> c.pod().uid().equals(pod.metadata().uid())).toList();
        syncProbes(pod, mine);
        statuses.write(pod, mine, waiting);
        return failed ? Optional.of(RECHECK_AFTER_FAILURE) : nextLook(pod, plan, mine);
    }

    /** Carries the plan out; returns whether a start failed. */
    private boolean execute(Pod pod, PodPlan plan, List<RuntimeContainer> observed, Map<String, Waiting> waiting) {
        plan.stop().forEach(s -> stop(pod, s, observed));
        String sandboxId = plan.sandboxId();
        if (plan.runSandbox()) {
            sandboxId = runSandbox(pod);
        }
        if (plan.stopSandbox() && sandboxId != null) {
            runtime.stop(sandboxId, Duration.ZERO);
        }
        boolean failed = !plan.start().isEmpty() && !prepareVolumes(pod, plan, waiting);
        // Only a sandbox started just now is not in the observation yet.
        String ip = sandboxId == null ? null : sandboxIp(plan.runSandbox() ? runtime.listPod(config.node(),
                pod.metadata().namespace(), pod.metadata().name()) : observed, sandboxId);
        for (PodPlan.Start s : failed ? List.<PodPlan.Start>of() : plan.start()) {
            failed |= !start(pod, container(pod, s.name()), s.attempt(), sandboxId, ip, waiting);
        }
        // Old instances go only once their successor runs, so that `logs --previous` always has one;
        // a container still stopping goes on a later sync.
        plan.remove().stream().filter(id -> !stopper.isStopping(id) && plan.stop().stream()
                .noneMatch(s -> s.container().id().equals(id))).forEach(runtime::remove);
        return failed;
    }

    private void stop(Pod pod, PodPlan.Stop s, List<RuntimeContainer> observed) {
        if (s.failedLiveness() && !stopper.isStopping(s.container().id())) {
            probes.failure(s.container().id()).ifPresent(m -> api.event(pod, "Warning", "Unhealthy", m));
            api.event(pod, "Normal", "Killing", "Container " + s.container().name() + " failed liveness probe, will be restarted");
        }
        stopper.stop(s.container(), specGrace(pod), s.reason(), preStop(pod, s.container(), observed));
    }

    /**
     * What the stopper needs to run the container's preStop hook; null when it has none, or when
     * it belongs to another instance of the pod (whose spec is not known here).
     */
    private ContainerStopper.PreStop preStop(Pod pod, RuntimeContainer c, List<RuntimeContainer> observed) {
        if (pod == null || !c.pod().uid().equals(pod.metadata().uid())) {
            return null;
        }
        Container spec = container(pod, c.name());
        if (spec == null || spec.preStop() == null) {
            return null;
        }
        List<RuntimeContainer> mine = observed.stream().filter(o -> o.pod().uid().equals(pod.metadata().uid())).toList();
        return new ContainerStopper.PreStop(pod, spec, pod.spec().isHostNetwork() ? config.hostIp() : podIp(mine));
    }

    private String runSandbox(Pod pod) {
        String hostname = pod.spec().hostname() != null ? pod.spec().hostname() : pod.metadata().name();
        List<SandboxSpec.PortMapping> ports = new ArrayList<>();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                if (p.hostPort() != null && p.hostPort() > 0 && p.containerPort() != null) {
                    ports.add(new SandboxSpec.PortMapping(p.containerPort(), p.hostPort(), p.protocol() == null ? "TCP" : p.protocol()));
                }
            }
        }
        String id = runtime.runSandbox(new SandboxSpec(config.node(), ContainerSpecs.ref(pod), config.sandboxImage(),
                hostname.length() > 63 ? hostname.substring(0, 63) : hostname, pod.spec().isHostNetwork(), ports));
        LOG.info("{}: sandbox {} running on node {}", key(pod), id, config.node());
        return id;
    }

    private static String sandboxIp(List<RuntimeContainer> containers, String sandboxId) {
        return containers.stream()
                .filter(c -> c.id().equals(sandboxId)).map(RuntimeContainer::ip).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private boolean prepareVolumes(Pod pod, PodPlan plan, Map<String, Waiting> waiting) {
        try {
            volumes.prepare(pod);
            return true;
        } catch (ApiException e) {
            plan.start().forEach(s -> failStart(pod, s.name(), "CreateContainerConfigError", e.getMessage(), waiting));
            return false;
        }
    }

    /** Starts one container instance; returns false (and records why) when it could not. */
    private boolean start(Pod pod, Container c, int attempt, String sandboxId, String ip, Map<String, Waiting> waiting) {
        String key = pod.metadata().uid() + "/" + c.name();
        try {
            images.ensure(pod, c);
            String id = runtime.runContainer(specs.of(pod, c, attempt, sandboxId, ip, config.hostIp()));
            LOG.info("{}: container {} attempt {} started as {}", key(pod), c.name(), attempt, id);
            api.event(pod, "Normal", "Started", "Started container " + c.name());
            if (!hooks.postStart(pod, c, id, pod.spec().isHostNetwork() ? config.hostIp() : ip, POST_START_TIMEOUT)) {
                killAfterPostStart(pod, c, id);
            }
            startFailures.remove(key);
            if (attempt > 0) {
                restarts.attempted(key, clock.instant());
            }
            return true;
        } catch (ImageFailure e) {
            failStart(pod, c.name(), e.reason, e.getMessage(), waiting);
        } catch (ApiException e) {
            failStart(pod, c.name(), "CreateContainerConfigError", e.getMessage(), waiting);
        } catch (ContainerRuntimeException e) {
            boolean image = e.kind() == ContainerRuntimeException.Kind.IMAGE_NOT_FOUND;
            failStart(pod, c.name(), image ? "ErrImagePull" : "CreateContainerError", e.getMessage(), waiting);
        }
        return false;
    }

    /** As Kubernetes: a container whose postStart hook failed is stopped, and restarts per policy. */
    private void killAfterPostStart(Pod pod, Container c, String id) {
        List<RuntimeContainer> now = runtime.listPod(config.node(), pod.metadata().namespace(), pod.metadata().name());
        now.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(r -> {
            api.event(pod, "Normal", "Killing", "FailedPostStartHook: stopping container " + c.name());
            stopper.stop(r, specGrace(pod), "its postStart hook failed", preStop(pod, r, now));
        });
    }

    private void failStart(Pod pod, String name, String reason, String message, Map<String, Waiting> waiting) {
        String key = pod.metadata().uid() + "/" + name;
        LOG.warn("{}: container {} cannot start: {}: {}", key(pod), name, reason, message);
        Waiting w = new Waiting(reason, message);
        waiting.put(name, w);
        startFailures.put(key, new StartFailure(w, clock.instant()));
        starts.attempted(key, clock.instant());
        api.event(pod, "Warning", "Failed", "Error: " + reason + ": " + message);
    }

    private PodPlanner.Observations observations(Pod pod) {
        String uid = pod.metadata().uid();
        Instant now = clock.instant();
        return new PodPlanner.Observations(probes::livenessFailed,
                ended -> restarts.blockedUntil(uid + "/" + ended.name(), ended.finishedAt(), now)
                        .map(until -> crashLoop(pod, ended.name(), now)),
                name -> starts.blockedUntil(uid + "/" + name, now).map(until -> backedOff(pod, name, now)));
    }

    private Waiting crashLoop(Pod pod, String name, Instant now) {
        String uid = pod.metadata().uid();
        long seconds = restarts.delay(uid + "/" + name, now).orElseThrow().toSeconds();
        return new Waiting("CrashLoopBackOff", "back-off " + seconds + "s restarting failed container=" + name + " pod="
                + pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + uid + ")");
    }

    /**
     * What a container whose start failed shows while its retry waits: the failure itself for a
     * second (so that ErrImagePull is seen, as in Kubernetes, and not replaced at once by the sync
     * its own status write causes), then the back-off (ImagePullBackOff).
     */
    private Waiting backedOff(Pod pod, String name, Instant now) {
        StartFailure last = startFailures.get(pod.metadata().uid() + "/" + name);
        if (last == null) {
            return new Waiting("ContainerCreating", null);
        }
        if ("ErrImagePull".equals(last.waiting().reason()) && !now.isBefore(last.at().plus(RECHECK_AFTER_FAILURE))) {
            return new Waiting("ImagePullBackOff", "Back-off pulling image \"" + container(pod, name).image() + "\": "
                    + last.waiting().message());
        }
        return last.waiting();
    }

    /** When the earliest back-off of the pod's waiting containers ends. */
    private Optional<Duration> nextLook(Pod pod, PodPlan plan, List<RuntimeContainer> observed) {
        Instant now = clock.instant();
        return plan.waiting().keySet().stream().flatMap(name -> {
            String key = pod.metadata().uid() + "/" + name;
            Instant ended = observed.stream().filter(c -> c.name().equals(name) && c.finishedAt() != null)
                    .map(RuntimeContainer::finishedAt).max(Instant::compareTo).orElse(null);
            return Stream.of(restarts.blockedUntil(key, ended, now), starts.blockedUntil(key, now));
        }).flatMap(Optional::stream).min(Instant::compareTo).map(until -> Duration.between(now, until).plusMillis(10));
    }

    /** Probes need the pod's address: a pod on the bridge without one yet is not probed. */
    private void syncProbes(Pod pod, List<RuntimeContainer> mine) {
        String ip = pod.spec().isHostNetwork() ? config.hostIp() : podIp(mine);
        probes.sync(ContainerSpecs.ref(pod), ip, ip == null ? List.of() : running(pod, mine));
    }

    /**
     * Stops every container (app containers within {@code grace}, preStop hooks of {@code pod}'s
     * included, in the background; the sandbox, and so the pod's network, only once they have
     * stopped) and, once none runs, removes them all and forgets their pods.
     *
     * @return when to look again while containers are still stopping; empty once all are gone
     */
    private Optional<Duration> removeAll(Pod pod, List<RuntimeContainer> observed, Duration grace) {
        // Only running containers are stopped, so one that has exited gets no preStop hook.
        List<RuntimeContainer> running = observed.stream().filter(c -> c.isRunning() && !c.isSandbox()).toList();
        running.forEach(c -> stopper.stop(c, grace, "its pod is gone or terminating", preStop(pod, c, observed)));
        if (!running.isEmpty()) {
            return Optional.of(grace.plus(MIN_GRACE)); // a stop ending wakes the pod sooner
        }
        observed.stream().filter(RuntimeContainer::isSandbox).filter(RuntimeContainer::isRunning)
                .forEach(s -> runtime.stop(s.id(), Duration.ZERO));
        observed.forEach(c -> runtime.remove(c.id()));
        observed.stream().map(RuntimeContainer::pod).distinct().forEach(this::forget);
        return Optional.empty();
    }

    /** Forgets pod instances of this name that were replaced by {@code pod} and whose containers are all gone. */
    private void forgetReplaced(Pod pod, List<RuntimeContainer> before, List<RuntimeContainer> now) {
        before.stream().map(RuntimeContainer::pod).distinct()
                .filter(ref -> !ref.uid().equals(pod.metadata().uid()))
                .filter(ref -> now.stream().noneMatch(c -> c.pod().uid().equals(ref.uid())))
                .forEach(this::forget);
    }

    /** Drops everything kept for a pod instance that is gone from the node: volumes, probes, back-offs, statuses. */
    private void forget(PodRef ref) {
        String prefix = ref.uid() + "/";
        volumes.cleanUp(ref.uid());
        probes.forget(ref);
        restarts.forgetPrefix(prefix);
        starts.forgetPrefix(prefix);
        startFailures.keySet().removeIf(k -> k.startsWith(prefix));
        statuses.forget(ref.uid());
    }

    /** What is left of a terminating pod's grace period (Kubernetes' deletionTimestamp is its deadline), at least 2 s. */
    private Duration remainingGrace(Pod pod) {
        Instant deadline = pod.metadata().deletionTimestamp();
        Duration left = deadline == null ? specGrace(pod) : Duration.between(clock.instant(), deadline);
        return left.compareTo(MIN_GRACE) < 0 ? MIN_GRACE : left;
    }

    private static Duration specGrace(Pod pod) {
        Long seconds = pod.spec().terminationGracePeriodSeconds();
        return Duration.ofSeconds(seconds == null ? 30 : seconds);
    }

    private static String podIp(List<RuntimeContainer> mine) {
        return mine.stream().filter(c -> c.isSandbox() && c.isRunning()).map(RuntimeContainer::ip).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static List<RunningContainer> running(Pod pod, List<RuntimeContainer> mine) {
        return mine.stream().filter(c -> !c.isSandbox() && c.isRunning())
                .filter(c -> pod.spec().containers().stream().anyMatch(k -> k.name().equals(c.name()))) // init containers have no probes
                .map(c -> new RunningContainer(c.name(), c.id(), c.startedAt(), container(pod, c.name())))
                .toList();
    }

    /** The spec of an app or init container; null for a name the pod does not have. */
    private static Container container(Pod pod, String name) {
        return PodPlanner.allContainers(pod).stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }
}
