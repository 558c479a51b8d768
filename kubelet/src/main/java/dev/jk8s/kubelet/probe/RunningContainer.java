package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.Container;
import java.time.Instant;
import java.util.Objects;

/**
 * One running app container of a pod, as the kubelet's pod worker hands it to
 * {@link ProbeManager#sync}.
 *
 * @param name        the container's name in the pod spec
 * @param containerId the runtime's id of this instance; a restart brings a new id and so fresh probes
 * @param startedAt   when this instance started; {@code initialDelaySeconds} counts from here
 * @param spec        the container's spec, whose probes and ports are used
 */
public record RunningContainer(String name, String containerId, Instant startedAt, Container spec) {

    public RunningContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(spec, "spec");
    }
}
