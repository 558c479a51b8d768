package dev.jk8s.kubelet.pod;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;
import dev.jk8s.api.core.ContainerState.Waiting;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges one pod of one node: reads what the runtime shows, plans ({@link PodPlanner}), acts,
 * reads again and writes the status ({@link PodStatuses}) if it changed. A terminating pod has
 * its containers stopped within its grace period and is then deleted for good; containers whose
 * pod is gone are removed. Safe to repeat; callers never sync the same pod on two threads at
 * once (the work queue guarantees it), different pods concurrently.
 */
public final class PodSyncer {

    private static final Logger LOG = LoggerFactory.getLogger(PodSyncer.class);
    /** Kubernetes' floor for a forced deletion: containers still get this long after SIGTERM. */
    static final Duration MIN_GRACE = Duration.ofSeconds(2);
    /** After a failed start, look again this soon so that ErrImagePull turns into ImagePullBackOff. */
    private static final Duration RECHECK_AFTER_FAILURE = Duration.ofSeconds(1);

    /**
     * @param node          the node this kubelet runs
     * @param hostIp        the node's address (pods' status.hostIP)
     * @param sandboxImage  the local image of pod sandboxes (never pulled)
     * @param remotePulls   false: images are pulled only from registries on this host (127.0.0.0/8)
     */
    public record Config(String node, String hostIp, String sandboxImage, Duration backoffInitial, Duration backoffMax,
                         boolean remotePulls) {
    }

    private final Config config;
    private final ContainerRuntime runtime;
    private final PodApi api;
    private final ProbeResults probes;
    private final PodVolumes volumes;
    private final ContainerSpecs specs;
    private final Executor stopper;
    private final Clock clock;
    private final String idScheme;
    private final RestartBackoff restarts;
    private final RestartBackoff starts;
    /** Why a container's last start failed, by {@code uid/name}, while its retry waits. */
    private final Map<String, Waiting> startFailures = new ConcurrentHashMap<>();

    public PodSyncer(Config config, ContainerRuntime runtime, PodApi api, ProbeResults probes, PodVolumes volumes,
                     Executor stopper, Clock clock) {
        this.config = config;
        this.runtime = runtime;
        this.api = api;
        this.probes = probes;
        this.volumes = volumes;
        this.specs = new ContainerSpecs(config.node(), volumes, api);
        this.stopper = stopper;
        this.clock = clock;
        this.idScheme = runtime.version().split("://", 2)[0];
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
     * @return when to sync it again though nothing changed (a back-off ends), or empty
     */
    public Optional<Duration> sync(String namespace, String name, Pod pod) {
        List<RuntimeContainer> observed = runtime.listPod(config.node(), namespace, name);
        if (pod == null || !config.node().equals(pod.spec().nodeName())) {
            removeAll(observed, MIN_GRACE);
            return Optional.empty();
        }
        if (pod.metadata().isTerminating()) {
            terminate(pod, observed);
            return Optional.empty();
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
        List<RuntimeContainer> mine = runtime.listPod(config.node(), pod.metadata().namespace(), pod.metadata().name())
                .stream().filter(c -> c.pod().uid().equals(pod.metadata().uid())).toList();
        probes.sync(ContainerSpecs.ref(pod), podIp(mine), running(pod, mine));
        writeStatus(pod, mine, waiting);
        return failed ? Optional.of(RECHECK_AFTER_FAILURE) : nextLook(pod, plan);
    }

    /** Carries the plan out; returns whether a start failed. */
    private boolean execute(Pod pod, PodPlan plan, List<RuntimeContainer> observed, Map<String, Waiting> waiting) {
        stopAll(pod, plan.stop().stream().map(s -> stopTask(pod, s)).toList());
        Optional<RuntimeContainer> sandbox = observed.stream()
                .filter(c -> c.isSandbox() && c.isRunning() && c.pod().uid().equals(pod.metadata().uid())).findFirst();
        String sandboxId = sandbox.map(RuntimeContainer::id).orElse(null);
        String ip = sandbox.map(RuntimeContainer::ip).orElse(null);
        if (plan.runSandbox()) {
            sandboxId = runSandbox(pod);
            String id = sandboxId;
            ip = runtime.listPod(config.node(), pod.metadata().namespace(), pod.metadata().name()).stream()
                    .filter(c -> c.id().equals(id)).map(RuntimeContainer::ip).findFirst().orElse(null);
        }
        if (plan.stopSandbox() && sandboxId != null) {
            runtime.stop(sandboxId, Duration.ZERO);
        }
        boolean failed = false;
        if (!plan.start().isEmpty()) {
            failed = !prepareVolumes(pod, plan, waiting);
        }
        for (PodPlan.Start s : failed ? List.<PodPlan.Start>of() : plan.start()) {
            failed |= !start(pod, container(pod, s.name()), s.attempt(), sandboxId, ip, waiting);
        }
        // Old instances go only once their successor runs, so that `logs --previous` always has one.
        plan.remove().forEach(runtime::remove);
        return failed;
    }

    private Runnable stopTask(Pod pod, PodPlan.Stop s) {
        return () -> {
            LOG.info("{}: stopping container {} ({}): {}", key(pod), s.name(), s.id(), s.reason());
            boolean liveness = s.reason().startsWith("its liveness");
            if (liveness) {
                probes.failure(s.id()).ifPresent(m -> api.event(pod, "Warning", "Unhealthy", m));
            }
            api.event(pod, "Normal", "Killing", liveness ? "Container " + s.name() + " failed liveness probe, will be restarted"
                    : "Stopping container " + s.name());
            runtime.stop(s.id(), grace(pod));
        };
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
        LOG.info("{}: sandbox {} running", key(pod), id);
        return id;
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
            ensureImage(pod, c);
            String id = runtime.runContainer(specs.of(pod, c, attempt, sandboxId, ip, config.hostIp()));
            LOG.info("{}: container {} attempt {} started as {}", key(pod), c.name(), attempt, id);
            api.event(pod, "Normal", "Started", "Started container " + c.name());
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

    private void failStart(Pod pod, String name, String reason, String message, Map<String, Waiting> waiting) {
        String key = pod.metadata().uid() + "/" + name;
        LOG.warn("{}: container {} cannot start: {}: {}", key(pod), name, reason, message);
        Waiting w = new Waiting(reason, message);
        waiting.put(name, w);
        startFailures.put(key, w);
        starts.attempted(key, clock.instant());
        api.event(pod, "Warning", "Failed", "Error: " + reason + ": " + message);
    }

    /** Kubernetes' imagePullPolicy; nothing is pulled for an image that is present unless the policy is Always. */
    private void ensureImage(Pod pod, Container c) {
        String policy = c.imagePullPolicy() == null ? "IfNotPresent" : c.imagePullPolicy();
        boolean present = runtime.hasImage(c.image());
        if ("Never".equals(policy)) {
            if (!present) {
                throw new ImageFailure("ErrImageNeverPull",
                        "Container image \"" + c.image() + "\" is not present with pull policy of Never");
            }
            return;
        }
        if (present && "IfNotPresent".equals(policy)) {
            api.event(pod, "Normal", "Pulled", "Container image \"" + c.image() + "\" already present on machine");
            return;
        }
        ImageReference ref = ImageReference.parse(c.image());
        if (!ref.isLoopback() && !config.remotePulls()) {
            // Network safety: by default a node sends nothing off the host, registries included.
            throw new ImageFailure("ErrImagePull", "Failed to pull image \"" + c.image() + "\": pulling from "
                    + ref.registry() + " is disabled on this node (it pulls only from registries on 127.0.0.0/8);"
                    + " build the image on the node (images/build) and use imagePullPolicy: IfNotPresent");
        }
        api.event(pod, "Normal", "Pulling", "Pulling image \"" + c.image() + "\"");
        try {
            runtime.pullImage(c.image());
        } catch (ContainerRuntimeException e) {
            throw new ImageFailure("ErrImagePull", "Failed to pull image \"" + c.image() + "\": " + e.getMessage());
        }
        api.event(pod, "Normal", "Pulled", "Successfully pulled image \"" + c.image() + "\"");
    }

    private static final class ImageFailure extends RuntimeException {
        final String reason;

        ImageFailure(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private PodPlanner.Observations observations(Pod pod) {
        String uid = pod.metadata().uid();
        Instant now = clock.instant();
        return new PodPlanner.Observations(probes::livenessFailed,
                name -> restarts.blockedUntil(uid + "/" + name, now).map(until -> new Waiting("CrashLoopBackOff",
                        "back-off " + restarts.delay(uid + "/" + name, now).orElseThrow().toSeconds()
                                + "s restarting failed container=" + name + " pod=" + pod.metadata().name() + "_"
                                + pod.metadata().namespace() + "(" + uid + ")")),
                name -> starts.blockedUntil(uid + "/" + name, now).map(until -> backedOff(pod, name)));
    }

    private Waiting backedOff(Pod pod, String name) {
        Waiting last = startFailures.get(pod.metadata().uid() + "/" + name);
        if (last == null) {
            return new Waiting("ContainerCreating", null);
        }
        if ("ErrImagePull".equals(last.reason())) {
            return new Waiting("ImagePullBackOff", "Back-off pulling image \"" + container(pod, name).image() + "\": "
                    + last.message());
        }
        return last;
    }

    private Optional<Duration> nextLook(Pod pod, PodPlan plan) {
        Instant now = clock.instant();
        return plan.waiting().keySet().stream()
                .flatMap(name -> {
                    String key = pod.metadata().uid() + "/" + name;
                    return java.util.stream.Stream.of(restarts.blockedUntil(key, now), starts.blockedUntil(key, now));
                })
                .flatMap(Optional::stream).min(Instant::compareTo)
                .map(until -> Duration.between(now, until).plusMillis(10));
    }

    private void writeStatus(Pod pod, List<RuntimeContainer> mine, Map<String, Waiting> waiting) {
        PodStatus status = PodStatuses.compute(pod, mine,
                new PodStatuses.Inputs(waiting, probes::ready, idScheme, config.hostIp(), clock.instant()));
        if (!status.equals(pod.status())) {
            reportUnhealthy(pod, status);
            api.updateStatus(pod, status);
        }
    }

    /** An Unhealthy event, with the probe's message, for each running container that just stopped being ready. */
    private void reportUnhealthy(Pod pod, PodStatus status) {
        for (ContainerStatus now : status.containerStatuses()) {
            boolean wasReady = pod.status().containerStatuses().stream()
                    .anyMatch(old -> old.name().equals(now.name()) && old.isReady() && old.containerID() != null
                            && old.containerID().equals(now.containerID()));
            if (wasReady && !now.isReady() && now.containerID() != null) {
                String id = now.containerID().substring(now.containerID().indexOf("://") + 3);
                probes.failure(id).ifPresent(m -> api.event(pod, "Warning", "Unhealthy", m));
            }
        }
    }

    /** Stops every container of the pod within its grace period, removes them, then deletes the pod for good. */
    private void terminate(Pod pod, List<RuntimeContainer> observed) {
        LOG.info("{}: terminating, grace {} s", key(pod), grace(pod).toSeconds());
        removeAll(observed, grace(pod));
        api.confirmDeletion(pod);
    }

    private void removeAll(List<RuntimeContainer> observed, Duration grace) {
        stopAll(null, observed.stream().filter(c -> c.isRunning() && !c.isSandbox())
                .<Runnable>map(c -> () -> runtime.stop(c.id(), grace)).toList());
        observed.forEach(c -> runtime.remove(c.id()));
        observed.stream().map(c -> c.pod().uid()).distinct().forEach(uid -> {
            volumes.cleanUp(uid);
            restarts.forgetPrefix(uid + "/");
            starts.forgetPrefix(uid + "/");
            startFailures.keySet().removeIf(k -> k.startsWith(uid + "/"));
        });
        observed.stream().map(RuntimeContainer::pod).distinct().forEach(probes::forget);
    }

    /** Runs the stops concurrently, so that grace periods overlap instead of adding up. */
    private void stopAll(Pod pod, List<Runnable> stops) {
        if (stops.size() == 1) {
            stops.get(0).run();
        } else if (!stops.isEmpty()) {
            CompletableFuture.allOf(stops.stream().map(s -> CompletableFuture.runAsync(s, stopper))
                    .toArray(CompletableFuture[]::new)).join();
        }
    }

    private static Duration grace(Pod pod) {
        Long seconds = pod.metadata().deletionGracePeriodSeconds();
        if (seconds == null) {
            seconds = pod.spec().terminationGracePeriodSeconds();
        }
        Duration d = Duration.ofSeconds(seconds == null ? 30 : seconds);
        return d.compareTo(MIN_GRACE) < 0 && pod.metadata().isTerminating() ? MIN_GRACE : d;
    }

    private static String podIp(List<RuntimeContainer> mine) {
        return mine.stream().filter(c -> c.isSandbox() && c.isRunning()).map(RuntimeContainer::ip).findFirst().orElse(null);
    }

    private static List<RunningContainer> running(Pod pod, List<RuntimeContainer> mine) {
        return mine.stream().filter(c -> !c.isSandbox() && c.isRunning())
                .filter(c -> pod.spec().containers().stream().anyMatch(k -> k.name().equals(c.name()))) // init containers have no probes
                .map(c -> new RunningContainer(c.name(), c.id(), c.startedAt(), container(pod, c.name())))
                .filter(r -> r.spec() != null).toList();
    }

    /** The spec of an app or init container; null for a name the pod does not have. */
    private static Container container(Pod pod, String name) {
        return PodPlanner.allContainers(pod).stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }
}
