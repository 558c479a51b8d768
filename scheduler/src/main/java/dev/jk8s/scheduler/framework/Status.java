package dev.jk8s.scheduler.framework;

import java.util.List;

/**
 * A filter plugin's verdict on one node. A failure carries one or more constant reasons, worded
 * exactly as Kubernetes words them, so that failures can be counted per reason across nodes
 * ({@link FitError}). {@link Code#UNSCHEDULABLE_AND_UNRESOLVABLE} says that evicting pods would
 * not help (for a later preemption step). Immutable.
 */
public record Status(Code code, List<String> reasons) {

    public enum Code { SUCCESS, UNSCHEDULABLE, UNSCHEDULABLE_AND_UNRESOLVABLE }

    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of());

    public Status {
        reasons = List.copyOf(reasons);
    }

    /** The node does not fit now, but might once pods are removed from it. */
    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons));
    }

    /** The node does not fit whatever is removed from it. */
    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons));
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }
}
