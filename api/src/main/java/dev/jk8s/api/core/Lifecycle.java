package dev.jk8s.api.core;

/**
 * Actions the kubelet takes at points of a container's life: {@code postStart} right after it
 * starts, {@code preStop} before it is stopped (pod deletion, a failed liveness probe). Either may
 * be null. The time a preStop hook takes counts against the pod's termination grace period.
 */
public record Lifecycle(LifecycleHandler postStart, LifecycleHandler preStop) {

    public static Lifecycle preStop(LifecycleHandler preStop) {
        return new Lifecycle(null, preStop);
    }

    public Lifecycle withPostStart(LifecycleHandler postStart) {
        return new Lifecycle(postStart, preStop);
    }

    public Lifecycle withPreStop(LifecycleHandler preStop) {
        return new Lifecycle(postStart, preStop);
    }
}
