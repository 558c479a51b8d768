package dev.jk8s.kubelet.runtime;

import java.util.List;

/**
 * One instance of a pod's container, resolved by the kubelet: the image's default entrypoint
 * and command are replaced only by non-empty {@code command} and {@code args}, as Kubernetes does.
 *
 * @param node        the node (kubelet) that owns it
 * @param name        the container's name in the pod spec
 * @param attempt     0 for the first instance, +1 per restart (kept in {@link Labels#ATTEMPT})
 * @param sandboxId   the sandbox whose network (and IPC) namespace the container joins
 * @param env         {@code NAME=value}, in order
 * @param workingDir  null: the image's
 * @param nanoCpus    CPU limit in billionths of a CPU; 0: none
 * @param memoryBytes memory limit; 0: none
 */
public record ContainerSpec(String node, PodRef pod, String name, int attempt, String sandboxId, String image,
                           List<String> command, List<String> args, List<String> env, String workingDir,
                           List<Mount> mounts, long nanoCpus, long memoryBytes) {

    public ContainerSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
    }
}
