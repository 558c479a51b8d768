package dev.jk8s.ctl.rollout;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.core.PodTemplateSpec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment's rollout history: the ReplicaSets it controls, one per template revision, as the
 * Deployment controller numbers them in the {@value #REVISION} annotation. Pure functions.
 */
public final class Revisions {

    /** The revision number the Deployment controller gives each of its ReplicaSets. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** Why a revision was made, when the user recorded it. */
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    /** The label the Deployment controller adds to tell its ReplicaSets' pods apart; not part of the user's template. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";

    /** One revision: its number and ReplicaSet. */
    public record Revision(long number, ReplicaSet replicaSet) {
        public String changeCause() {
            return replicaSet.metadata().annotations().get(CHANGE_CAUSE);
        }
    }

    private Revisions() {
    }

    /** The deployment's revisions, oldest first: ReplicaSets it controls that carry a revision number. */
    public static List<Revision> of(Deployment d, List<ReplicaSet> replicaSets) {
        return replicaSets.stream()
                .filter(rs -> rs.metadata().controllerRef().filter(o -> d.metadata().uid().equals(o.uid())).isPresent())
                .flatMap(rs -> number(rs).map(n -> new Revision(n, rs)).stream())
                .sorted(Comparator.comparingLong(Revision::number))
                .toList();
    }

    /** Revision {@code n}, or for 0 the one before the latest (what {@code undo} returns to). */
    public static Optional<Revision> find(List<Revision> history, long n) {
        if (n == 0) {
            return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
        }
        return history.stream().filter(r -> r.number() == n).findFirst();
    }

    /** The pod template a revision ran, as the user wrote it (without the controller's hash label). */
    public static PodTemplateSpec template(Revision r) {
        PodTemplateSpec t = r.replicaSet().spec().template();
        ObjectMeta meta = t.metadata();
        if (!meta.labels().containsKey(POD_TEMPLATE_HASH)) {
            return t;
        }
        Map<String, String> labels = new HashMap<>(meta.labels());
        labels.remove(POD_TEMPLATE_HASH);
        return new PodTemplateSpec(meta.withLabels(labels), t.spec());
    }

    private static Optional<Long> number(ReplicaSet rs) {
        try {
            return Optional.ofNullable(rs.metadata().annotations().get(REVISION)).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
