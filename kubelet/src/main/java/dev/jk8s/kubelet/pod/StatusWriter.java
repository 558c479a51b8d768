package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.ContainerState.Waiting;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes pods' statuses, only when they changed. The base of each computation is the newest
 * status known: the informer's copy, or the one this kubelet wrote since (the informer lags
 * behind its own writes, and a status computed over a stale copy would move timestamps and
 * write again). Records an Unhealthy event when a container stops being ready. Thread-safe.
 */
final class StatusWriter {

    /** A status this kubelet wrote, at the revision the write produced. */
    private record Written(long revision, PodStatus status) {
    }

    private final PodApi api;
    private final ProbeResults probes;
    private final String idScheme;
    private final String hostIp;
    private final Clock clock;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    StatusWriter(PodApi api, ProbeResults probes, String idScheme, String hostIp, Clock clock) {
        this.api = api;
        this.probes = probes;
        this.idScheme = idScheme;
        this.hostIp = hostIp;
        this.clock = clock;
    }

    /** Computes the status of {@code pod} from its containers and writes it if it differs from the newest known. */
    void write(Pod pod, List<RuntimeContainer> mine, Map<String, Waiting> waiting) {
        Pod base = latest(pod);
        PodStatus status = PodStatuses.compute(base, mine,
                new PodStatuses.Inputs(waiting, probes::ready, idScheme, hostIp, clock.instant()));
        if (!status.equals(base.status())) {
            reportUnhealthy(base, status);
            long revision = api.updateStatus(pod, status);
            written.put(pod.metadata().uid(), new Written(revision, status));
        }
    }

    /** Forgets a pod instance that is gone. */
    void forget(String uid) {
        written.remove(uid);
    }

    private Pod latest(Pod pod) {
        Written w = written.get(pod.metadata().uid());
        return w != null && w.revision() > pod.metadata().revision() ? pod.withStatus(w.status()) : pod;
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
}
