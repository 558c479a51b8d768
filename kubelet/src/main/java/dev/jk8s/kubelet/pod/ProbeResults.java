package dev.jk8s.kubelet.pod;

import dev.jk8s.kubelet.probe.RunningContainer;
import dev.jk8s.kubelet.runtime.PodRef;
import java.util.List;
import java.util.Optional;

/**
 * What the pod workers need of the probes: which containers are ready and which failed their
 * liveness probe, and telling the prober which container instances run. Thread-safe.
 */
public interface ProbeResults {

    /** No probes at all: every running container is ready and alive. */
    ProbeResults NONE = new ProbeResults() {
        @Override
        public void sync(PodRef pod, String podIp, List<RunningContainer> running) {
        }

        @Override
        public void forget(PodRef pod) {
        }

        @Override
        public boolean ready(String containerId) {
            return true;
        }

        @Override
        public boolean livenessFailed(String containerId) {
            return false;
        }

        @Override
        public Optional<String> failure(String containerId) {
            return Optional.empty();
        }
    };

    /** The pod's running app containers are these: probe them, stop probing any other of the pod's. */
    void sync(PodRef pod, String podIp, List<RunningContainer> running);

    /** The pod is gone from this node: stop probing it. */
    void forget(PodRef pod);

    /** True when the container has no readiness probe or its probe passes. */
    boolean ready(String containerId);

    /** True once the container's liveness probe has failed (for good: the instance is to be replaced). */
    boolean livenessFailed(String containerId);

    /**
     * Why the container is unhealthy or not ready: the message of its failed liveness, startup
     * or readiness probe (e.g. {@code Readiness probe failed: HTTP probe failed with statuscode: 500}).
     */
    Optional<String> failure(String containerId);
}
