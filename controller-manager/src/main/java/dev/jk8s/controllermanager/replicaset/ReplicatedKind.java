package dev.jk8s.controllermanager.replicaset;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.ReplicaSet;
import dev.jk8s.api.apps.ReplicaSetStatus;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.api.core.ReplicationController;
import dev.jk8s.api.core.ReplicationControllerStatus;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A kind whose objects keep N pods from a template, as {@link ReplicaSetController} sees it: the
 * controller's name, the events' component, the {@link Kind}, how to read one object as
 * {@link Replicas} and how to give it a new status. This is the only per-kind code of the
 * controller: ReplicaSets and ReplicationControllers share its sync, plan, expectations, claiming
 * and events. The status is read and written in ReplicaSet's shape, which a ReplicationController's
 * has field for field. Immutable.
 */
public record ReplicatedKind<T extends ApiObject>(String controllerName, String component, Kind<T> kind,
                                                  Function<T, Replicas> reader,
                                                  BiFunction<T, ReplicaSetStatus, T> statusWriter) {

    /** Kubernetes' {@code replicaset} controller, whose events come from {@code replicaset-controller}. */
    public static final ReplicatedKind<ReplicaSet> REPLICA_SET = new ReplicatedKind<>("replicaset",
            "replicaset-controller", Kinds.REPLICA_SET,
            rs -> Replicas.of(rs.metadata(), rs.spec().replicas(), rs.spec().minReadySeconds(), rs.spec().selector(),
                    rs.spec().template(), rs.status()),
            ReplicaSet::withStatus);

    /**
     * Kubernetes' {@code replicationcontroller} controller (the ReplicaSet controller there too),
     * whose events come from {@code replication-controller}. The map selector is read as
     * matchLabels; an empty one as none, which matches no pod.
     */
    public static final ReplicatedKind<ReplicationController> REPLICATION_CONTROLLER = new ReplicatedKind<>(
            "replicationcontroller", "replication-controller", Kinds.REPLICATION_CONTROLLER,
            rc -> Replicas.of(rc.metadata(), rc.spec().replicas(), rc.spec().minReadySeconds(),
                    rc.spec().selector().isEmpty() ? null : LabelSelector.of(rc.spec().selector()),
                    rc.spec().template(), replicaSetStatus(rc.status())),
            (rc, s) -> rc.withStatus(new ReplicationControllerStatus(s.replicas(), s.fullyLabeledReplicas(),
                    s.readyReplicas(), s.availableReplicas(), s.observedGeneration(), s.conditions())));

    /** What the controller reads of one object, whatever its kind. */
    public Replicas replicas(T object) {
        return reader.apply(object);
    }

    /** {@code object} with {@code status}, in the kind's own status type. */
    public T withStatus(T object, ReplicaSetStatus status) {
        return statusWriter.apply(object, status);
    }

    /** The kind's name in a controllerRef. */
    public String kindName() {
        return kind.kind();
    }

    private static ReplicaSetStatus replicaSetStatus(ReplicationControllerStatus s) {
        return new ReplicaSetStatus(s.replicas(), s.fullyLabeledReplicas(), s.readyReplicas(), s.availableReplicas(),
                s.observedGeneration(), s.conditions());
    }

    /**
     * One object's desired state and last status, in the controller's terms. {@code replicas} is
     * 1 when unset (the default), {@code minReadySeconds} 0; {@code selector} is null when absent.
     */
    public record Replicas(ObjectMeta metadata, int replicas, int minReadySeconds, LabelSelector selector,
                           PodTemplateSpec template, ReplicaSetStatus status) {

        /** From the spec's fields as stored: null replicas is the default 1, null minReadySeconds 0. */
        public static Replicas of(ObjectMeta metadata, Integer replicas, Integer minReadySeconds, LabelSelector selector,
                                  PodTemplateSpec template, ReplicaSetStatus status) {
            return new Replicas(metadata, Objects.requireNonNullElse(replicas, 1),
                    Objects.requireNonNullElse(minReadySeconds, 0), selector, template, status);
        }
    }
}
