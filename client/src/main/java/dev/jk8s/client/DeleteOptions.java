package dev.jk8s.client;

/**
 * How to delete: a grace period (null: the object's own), a propagation policy for dependents
 * ({@code Background}, {@code Foreground}, {@code Orphan}; null: Background), preconditions
 * (uid, resourceVersion; null/0: none), dry run. Immutable.
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            long preconditionResourceVersion, boolean dryRun) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, 0, false);

    public DeleteOptions withGracePeriod(Long seconds) {
        return new DeleteOptions(seconds, propagationPolicy, preconditionUid, preconditionResourceVersion, dryRun);
    }

    public DeleteOptions withPropagationPolicy(String policy) {
        return new DeleteOptions(gracePeriodSeconds, policy, preconditionUid, preconditionResourceVersion, dryRun);
    }

    public DeleteOptions withPreconditions(String uid, long resourceVersion) {
        return new DeleteOptions(gracePeriodSeconds, propagationPolicy, uid, resourceVersion, dryRun);
    }

    public DeleteOptions withDryRun(boolean d) {
        return new DeleteOptions(gracePeriodSeconds, propagationPolicy, preconditionUid, preconditionResourceVersion, d);
    }
}
