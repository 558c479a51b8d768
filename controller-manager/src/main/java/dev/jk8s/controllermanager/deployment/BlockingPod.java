package dev.jk8s.controllermanager.deployment;

import dev.jk8s.api.Condition;
import dev.jk8s.api.core.ContainerState;
import dev.jk8s.api.core.ContainerStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.controllermanager.controller.Pods;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a rollout does not progress, in the words of the pod that holds it up:
 * {@code pod web-7f9c-x2: CrashLoopBackOff: exit 1}, {@code pod web-7f9c-x2: ErrImagePull: ...},
 * {@code pod web-7f9c-x2: Unschedulable: 0/3 nodes are available: ...}. Kubernetes says only that
 * the ReplicaSet timed out; this names the cause. Pure.
 */
final class BlockingPod {

    private BlockingPod() {
    }

    /** The first not-ready pod (by name) of {@code pods} with the reason it gives, if any. */
    static Optional<String> reason(List<Pod> pods) {
        return pods.stream().filter(Pods::isActive).filter(p -> !Pods.isReady(p))
                .sorted(Comparator.comparing(p -> p.metadata().name()))
                .map(p -> why(p).map(w -> "pod " + p.metadata().name() + ": " + w))
                .flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> why(Pod p) {
        Optional<Condition> scheduled = Condition.find(p.status().conditions(), "PodScheduled").filter(c -> !c.isTrue());
        if (scheduled.isPresent()) {
            return Optional.of(scheduled.get().reason() + ": " + scheduled.get().message());
        }
        for (ContainerStatus c : p.status().containerStatuses()) {
            ContainerState.Waiting w = c.state() == null ? null : c.state().waiting();
            if (w != null && w.reason() != null && !"ContainerCreating".equals(w.reason())) {
                ContainerState.Terminated last = c.lastState() == null ? null : c.lastState().terminated();
                String detail = last != null && last.exitCode() != null ? "exit " + last.exitCode() : w.message();
                return Optional.of(w.reason() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
            }
        }
        return Optional.empty();
    }
}
