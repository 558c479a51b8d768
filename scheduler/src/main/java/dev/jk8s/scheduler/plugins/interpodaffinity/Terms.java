package dev.jk8s.scheduler.plugins.interpodaffinity;

import dev.jk8s.api.core.Affinity;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodAffinity;
import dev.jk8s.api.core.PodAffinityTerm;
import dev.jk8s.api.core.WeightedPodAffinityTerm;
import dev.jk8s.scheduler.framework.NodeInfo;
import dev.jk8s.scheduler.framework.Snapshot;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Reading and matching pod affinity terms, as Kubernetes interprets them. Pure. */
final class Terms {

    private Terms() {
    }

    /**
     * Whether {@code pod} is one of the pods the term of {@code owner} is about: in the term's
     * namespaces (the owner's own when none are given) and matching its label selector (a null
     * selector matches no pod).
     */
    static boolean matches(PodAffinityTerm term, Pod owner, Pod pod, Snapshot snapshot) {
        if (term.labelSelector() == null || !inNamespaces(term, owner, pod.metadata().namespace(), snapshot)) {
            return false;
        }
        return term.labelSelector().matches(pod.metadata().labels());
    }

    private static boolean inNamespaces(PodAffinityTerm term, Pod owner, String namespace, Snapshot snapshot) {
        if (term.namespaces().isEmpty() && term.namespaceSelector() == null) {
            return Objects.equals(owner.metadata().namespace(), namespace);
        }
        return term.namespaces().contains(namespace)
                || (term.namespaceSelector() != null && term.namespaceSelector().matches(snapshot.namespaceLabels(namespace)));
    }

    /** Whether both nodes carry the term's topology label with the same value (same topology domain). */
    static boolean sameDomain(String topologyKey, NodeInfo a, NodeInfo b) {
        String value = a.labels().get(topologyKey);
        return value != null && value.equals(b.labels().get(topologyKey));
    }

    static boolean same(Pod a, Pod b) {
        return Objects.equals(a.metadata().namespace(), b.metadata().namespace())
                && Objects.equals(a.metadata().name(), b.metadata().name());
    }

    static List<PodAffinityTerm> requiredAffinity(Pod pod) {
        return part(pod, Affinity::podAffinity, PodAffinity::requiredDuringSchedulingIgnoredDuringExecution);
    }

    static List<PodAffinityTerm> requiredAntiAffinity(Pod pod) {
        return part(pod, Affinity::podAntiAffinity, PodAffinity::requiredDuringSchedulingIgnoredDuringExecution);
    }

    static List<WeightedPodAffinityTerm> preferredAffinity(Pod pod) {
        return part(pod, Affinity::podAffinity, PodAffinity::preferredDuringSchedulingIgnoredDuringExecution);
    }

    static List<WeightedPodAffinityTerm> preferredAntiAffinity(Pod pod) {
        return part(pod, Affinity::podAntiAffinity, PodAffinity::preferredDuringSchedulingIgnoredDuringExecution);
    }

    private static <T> List<T> part(Pod pod, Function<Affinity, PodAffinity> which, Function<PodAffinity, List<T>> terms) {
        Affinity a = pod.spec().affinity();
        PodAffinity pa = a == null ? null : which.apply(a);
        return pa == null ? List.of() : terms.apply(pa);
    }
}
