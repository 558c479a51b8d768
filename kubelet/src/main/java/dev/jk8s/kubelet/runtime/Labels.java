package dev.jk8s.kubelet.runtime;

import java.util.Map;

/**
 * The labels on every container a kubelet creates. They are the kubelet's only memory that
 * survives its own restart: a restarted kubelet finds its containers, their pods and their
 * attempt numbers from them, so it adopts instead of duplicating.
 */
public final class Labels {

    /** {@code true} on everything jk8s creates (tests clean up by it). */
    public static final String MANAGED = "jk8s.dev/managed";
    /** The node whose kubelet owns the container; several kubelets may share one dockerd. */
    public static final String NODE = "jk8s.dev/node";
    public static final String POD_NAMESPACE = "jk8s.dev/pod-namespace";
    public static final String POD_NAME = "jk8s.dev/pod-name";
    public static final String POD_UID = "jk8s.dev/pod-uid";
    /** The container's name in the pod spec; {@value #SANDBOX_NAME} for the sandbox. */
    public static final String CONTAINER_NAME = "jk8s.dev/container-name";
    /** 0 for a container's first instance, +1 per restart: the pod's restartCount. */
    public static final String ATTEMPT = "jk8s.dev/attempt";

    /** The container name the sandbox carries in {@link #CONTAINER_NAME}. */
    public static final String SANDBOX_NAME = "POD";

    private Labels() {
    }

    /** The labels of one container of {@code pod} on {@code node}. */
    public static Map<String, String> of(String node, PodRef pod, String containerName, int attempt) {
        return Map.of(MANAGED, "true", NODE, node, POD_NAMESPACE, pod.namespace(), POD_NAME, pod.name(),
                POD_UID, pod.uid(), CONTAINER_NAME, containerName, ATTEMPT, Integer.toString(attempt));
    }
}
