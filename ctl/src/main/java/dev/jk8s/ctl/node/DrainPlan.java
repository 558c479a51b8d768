package dev.jk8s.ctl.node;

import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code drain} will do with the pods on a node, decided before anything is deleted, by
 * kubectl's rules: a pod no controller would recreate is deleted only with {@code --force}, a pod
 * with emptyDir data only with {@code --delete-emptydir-data}; finished pods always go. Any refusal
 * stops the whole drain, so that nothing is evicted by a drain that cannot finish. Pure; immutable.
 *
 * @param evict    the pods to evict, in the order given
 * @param warnings what the user allowed but should know (e.g. forced unmanaged pods)
 * @param refusals why the drain cannot go ahead; empty when it can
 */
public record DrainPlan(List<Pod> evict, List<String> warnings, List<String> refusals) {

    /** The plan for these pods (already terminating pods are waited for, not evicted again). */
    public static DrainPlan of(List<Pod> pods, boolean force, boolean deleteEmptyDirData) {
        List<Pod> unmanaged = pods.stream().filter(p -> !finished(p) && p.metadata().controllerRef().isEmpty()).toList();
        List<Pod> localData = pods.stream().filter(p -> !finished(p) && hasEmptyDir(p)).toList();
        List<String> warnings = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        if (!unmanaged.isEmpty()) {
            (force ? warnings : refusals).add((force ? "deleting Pods that declare no controller: "
                    : "cannot delete Pods that declare no controller (use --force to override): ") + names(unmanaged));
        }
        if (!localData.isEmpty()) {
            (deleteEmptyDirData ? warnings : refusals).add((deleteEmptyDirData ? "deleting Pods with local storage: "
                    : "cannot delete Pods with local storage (use --delete-emptydir-data to override): ") + names(localData));
        }
        return new DrainPlan(pods, List.copyOf(warnings), List.copyOf(refusals));
    }

    private static boolean finished(Pod p) {
        return PodStatus.SUCCEEDED.equals(p.status().phase()) || PodStatus.FAILED.equals(p.status().phase());
    }

    private static boolean hasEmptyDir(Pod p) {
        return p.spec().volumes().stream().map(Volume::emptyDir).anyMatch(v -> v != null);
    }

    private static String names(List<Pod> pods) {
        return pods.stream().map(p -> p.metadata().namespace() + "/" + p.metadata().name()).collect(Collectors.joining(", "));
    }
}
