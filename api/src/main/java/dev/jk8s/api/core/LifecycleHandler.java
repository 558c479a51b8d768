package dev.jk8s.api.core;

import java.util.List;

/**
 * What a lifecycle hook does: exactly one of {@code exec} (a command in the container),
 * {@code httpGet} (a request to the pod) or {@code sleep}. {@code tcpSocket} exists only so that
 * Kubernetes manifests decode; as in Kubernetes it does nothing as a hook, and validation refuses it.
 */
public record LifecycleHandler(ExecAction exec, HttpGetAction httpGet, TcpSocketAction tcpSocket, SleepAction sleep) {

    public static LifecycleHandler exec(String... command) {
        return new LifecycleHandler(new ExecAction(List.of(command)), null, null, null);
    }

    public static LifecycleHandler sleep(long seconds) {
        return new LifecycleHandler(null, null, null, new SleepAction(seconds));
    }

    public LifecycleHandler withHttpGet(HttpGetAction httpGet) {
        return new LifecycleHandler(exec, httpGet, tcpSocket, sleep);
    }

    /** How many handlers are set; a valid hook has exactly one. */
    public int handlerCount() {
        return ContainerValidation.count(exec, httpGet, tcpSocket, sleep);
    }
}
