package dev.jk8s.api.core;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * {@value #ACTIVE}, or {@value #TERMINATING} once deletion has begun and objects are being removed;
 * while terminating, the namespace controller's conditions say what still holds it (Kubernetes'
 * {@code NamespaceContentRemaining}, {@code NamespaceFinalizersRemaining},
 * {@code NamespaceDeletionContentFailure}). {@code conditions} is never null.
 */
public record NamespaceStatus(String phase, List<Condition> conditions) {

    public static final String ACTIVE = "Active";
    public static final String TERMINATING = "Terminating";
    public static final NamespaceStatus EMPTY = new NamespaceStatus(null, null);

    public NamespaceStatus {
        conditions = Values.list(conditions);
    }

    /** A status with this phase and no conditions. */
    public NamespaceStatus(String phase) {
        this(phase, null);
    }

    public NamespaceStatus withPhase(String phase) {
        return new NamespaceStatus(phase, conditions);
    }

    public NamespaceStatus withConditions(List<Condition> conditions) {
        return new NamespaceStatus(phase, conditions);
    }
}
