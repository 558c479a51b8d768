package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.Probe;
import dev.jk8s.kubelet.probe.ProbeResult.Status;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.PodRef;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs the liveness, readiness and startup probes of the node's running containers and keeps
 * their results, as Kubernetes' prober manager does.
 *
 * <p><b>Contract.</b> The kubelet's pod worker calls {@link #sync} each time it has looked at a
 * pod, with the pod's running app containers, and {@link #forget} once the pod is gone; it reads
 * {@link #ready}, {@link #started} and {@link #livenessFailed} for the pod's status and kills a
 * container whose liveness failed, using {@link #lastFailure} for the event. Results belong to a
 * container <em>id</em>: a restarted container has a new id and is probed afresh.
 *
 * <ul>
 *   <li>Readiness is false until {@code successThreshold} consecutive successes, and false again
 *       after {@code failureThreshold} consecutive failures.</li>
 *   <li>Liveness is fine until {@code failureThreshold} consecutive failures; then it stays failed
 *       for that container id and is no longer probed.</li>
 *   <li>With a startup probe, liveness and readiness wait until it has succeeded; once it fails
 *       {@code failureThreshold} times, liveness counts as failed.</li>
 *   <li>A probe that cannot be run at all (a port name the container does not have, a container
 *       that vanished) counts neither way, as in Kubernetes; its message is kept in lastFailure.</li>
 * </ul>
 *
 * <p><b>Threads.</b> Thread-safe. It owns no thread: runs are timed on the given scheduler and run on
 * the given probe executor, which should be bounded (a small fixed pool): each (container, probe)
 * has at most one run queued or under way. The caller owns both executors and shuts them down
 * after {@link #close}. The listener is called from a probe thread, with no lock held, whenever
 * a result changes (never for a run that left it as it was); it should only enqueue the pod.
 */
public final class ProbeManager implements AutoCloseable {

    private final ProbeWorker.Services services;
    private final Consumer<PodRef> listener;
    private final Map<Key, ProbeWorker> workers = new ConcurrentHashMap<>();

    /**
     * @param runtime       runs exec probes
     * @param scheduler     times the runs (they are short hand-offs)
     * @param probeExecutor runs the probes, which block for up to their timeout
     * @param clock         the time against which containers' {@code startedAt} is compared
     * @param listener      told the pod whose probe results changed
     */
    public ProbeManager(ContainerRuntime runtime, ScheduledExecutorService scheduler, Executor probeExecutor,
                        Clock clock, Consumer<PodRef> listener) {
        this(runtime, scheduler, probeExecutor, clock, listener, Duration.ofSeconds(1));
    }

    /** @param tick how long one of a probe's {@code initialDelaySeconds} and {@code periodSeconds} lasts (tests shorten it) */
    ProbeManager(ContainerRuntime runtime, ScheduledExecutorService scheduler, Executor probeExecutor, Clock clock,
                 Consumer<PodRef> listener, Duration tick) {
        this.services = new ProbeWorker.Services(new Prober(Objects.requireNonNull(runtime, "runtime")),
                Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(probeExecutor, "probeExecutor"),
                Objects.requireNonNull(clock, "clock"), tick);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Makes the pod's probing match {@code running}: starts probing containers not seen before and
     * stops probing the pod's containers that are no longer listed. Idempotent.
     *
     * @param podIp   the pod's address, where httpGet and tcpSocket probes go; null for a pod on the
     *                host's network (probed on 127.0.0.1)
     * @param running the pod's app containers that are running now (not init containers, not the sandbox)
     */
    public synchronized void sync(PodRef pod, String podIp, List<RunningContainer> running) {
        Set<String> ids = running.stream().map(RunningContainer::containerId).collect(Collectors.toSet());
        stopWhere(w -> w.pod().equals(pod) && !ids.contains(w.containerId()));
        workers.values().stream().filter(w -> w.pod().equals(pod)).forEach(w -> w.podIp(podIp));
        running.forEach(c -> startMissing(pod, podIp, c));
    }

    /** Stops probing every container of the pod and drops their results. Idempotent. */
    public synchronized void forget(PodRef pod) {
        stopWhere(w -> w.pod().equals(pod));
    }

    /**
     * Whether the container is ready: it has started (see {@link #started}) and has no readiness
     * probe or its readiness result is success. A container id never given to {@link #sync} (or
     * already forgotten) has no probes and so is ready: sync a pod before asking about it.
     */
    public boolean ready(String containerId) {
        return started(containerId) && resultIs(containerId, ProbeType.READINESS, Status.SUCCESS, true);
    }

    /** Whether the container has no startup probe or it has succeeded (a container status' {@code started}). */
    public boolean started(String containerId) {
        return resultIs(containerId, ProbeType.STARTUP, Status.SUCCESS, true);
    }

    /**
     * Whether the container is to be killed: its liveness probe failed {@code failureThreshold}
     * times in a row, or its startup probe did. Stays true for this container id.
     */
    public boolean livenessFailed(String containerId) {
        return resultIs(containerId, ProbeType.LIVENESS, Status.FAILURE, false)
                || resultIs(containerId, ProbeType.STARTUP, Status.FAILURE, false);
    }

    /**
     * The message of the latest failed (or unrunnable) run of that probe, whether or not it has
     * crossed its threshold, such as {@code Liveness probe failed: HTTP probe failed with statuscode: 500}.
     */
    public Optional<String> lastFailure(String containerId, ProbeType type) {
        ProbeWorker w = workers.get(new Key(containerId, type));
        return w == null ? Optional.empty() : w.lastFailure();
    }

    /** Stops all probing. The executors stay the caller's to shut down. */
    @Override
    public synchronized void close() {
        stopWhere(w -> true);
    }

    private void startMissing(PodRef pod, String podIp, RunningContainer c) {
        start(pod, podIp, c, ProbeType.STARTUP, c.spec().startupProbe(), () -> true);
        BooleanSupplier afterStartup = () -> started(c.containerId());
        start(pod, podIp, c, ProbeType.LIVENESS, c.spec().livenessProbe(), afterStartup);
        start(pod, podIp, c, ProbeType.READINESS, c.spec().readinessProbe(), afterStartup);
    }

    private void start(PodRef pod, String podIp, RunningContainer c, ProbeType type, Probe probe,
                       BooleanSupplier mayRun) {
        Key key = new Key(c.containerId(), type);
        if (probe == null || workers.containsKey(key)) {
            return;
        }
        ProbeWorker w = new ProbeWorker(services, pod, podIp, c, type, probe, mayRun, () -> listener.accept(pod));
        workers.put(key, w);
        w.start();
    }

    private void stopWhere(Predicate<ProbeWorker> which) {
        workers.values().removeIf(w -> {
            if (which.test(w)) {
                w.stop();
                return true;
            }
            return false;
        });
    }

    private boolean resultIs(String containerId, ProbeType type, Status wanted, boolean whenAbsent) {
        ProbeWorker w = workers.get(new Key(containerId, type));
        return w == null ? whenAbsent : w.result() == wanted;
    }

    private record Key(String containerId, ProbeType type) {
    }
}
