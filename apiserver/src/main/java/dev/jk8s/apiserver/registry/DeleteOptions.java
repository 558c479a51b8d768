package dev.jk8s.apiserver.registry;

/**
 * How a deletion was asked for: an optional grace period (null: the object's own), the
 * propagation policy for dependents (Background, Foreground, Orphan: acted on by the garbage
 * collector, recorded here as finalizers as Kubernetes does), and preconditions.
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            long preconditionRevision, boolean dryRun) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, 0, false);

    public DeleteOptions withGracePeriod(Long seconds) {
        return new DeleteOptions(seconds, propagationPolicy, preconditionUid, preconditionRevision, dryRun);
    }

    public DeleteOptions withPreconditions(String uid, long revision) {
        return new DeleteOptions(gracePeriodSeconds, propagationPolicy, uid, revision, dryRun);
    }

    public DeleteOptions withPropagation(String policy) {
        return new DeleteOptions(gracePeriodSeconds, policy, preconditionUid, preconditionRevision, dryRun);
    }

    public static final String FOREGROUND = "Foreground";
    public static final String ORPHAN = "Orphan";
    public static final String BACKGROUND = "Background";
}
