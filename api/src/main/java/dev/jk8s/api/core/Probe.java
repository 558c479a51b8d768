package dev.jk8s.api.core;

import dev.jk8s.api.IntOrString;

/**
 * A health check of a container: exactly one handler ({@code exec}, {@code httpGet} or
 * {@code tcpSocket}) and its timing. Defaults (Kubernetes'): timeout 1s, period 10s, success
 * threshold 1, failure threshold 3.
 */
public record Probe(ExecAction exec, HttpGetAction httpGet, TcpSocketAction tcpSocket,
                    Integer initialDelaySeconds, Integer timeoutSeconds, Integer periodSeconds,
                    Integer successThreshold, Integer failureThreshold, Long terminationGracePeriodSeconds) {

    public static Probe httpGet(String path, int port) {
        return new Probe(null, new HttpGetAction(path, IntOrString.of(port), null, null, null),
                null, null, null, null, null, null, null);
    }

    public Probe withTiming(Integer initialDelaySeconds, Integer timeoutSeconds, Integer periodSeconds,
                            Integer successThreshold, Integer failureThreshold) {
        return new Probe(exec, httpGet, tcpSocket, initialDelaySeconds, timeoutSeconds, periodSeconds,
                successThreshold, failureThreshold, terminationGracePeriodSeconds);
    }

    public Probe withHttpGet(HttpGetAction httpGet) {
        return new Probe(exec, httpGet, tcpSocket, initialDelaySeconds, timeoutSeconds, periodSeconds,
                successThreshold, failureThreshold, terminationGracePeriodSeconds);
    }

    /** How many handlers are set; a valid probe has exactly one. */
    public int handlerCount() {
        return (exec == null ? 0 : 1) + (httpGet == null ? 0 : 1) + (tcpSocket == null ? 0 : 1);
    }
}
