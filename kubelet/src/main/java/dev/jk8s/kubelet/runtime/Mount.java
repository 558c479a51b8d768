package dev.jk8s.kubelet.runtime;

/** A directory of the host bound into a container. */
public record Mount(String hostPath, String containerPath, boolean readOnly) {
}
