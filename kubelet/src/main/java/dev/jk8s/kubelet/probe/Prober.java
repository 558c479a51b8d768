package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.ExecAction;
import dev.jk8s.api.core.HttpGetAction;
import dev.jk8s.api.core.Probe;
import dev.jk8s.api.core.TcpSocketAction;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ExecResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Runs a probe once, blocking for at most about its timeout: an exec in the container, an HTTP GET
 * or a TCP connect to the pod. Never throws; a failure comes back as a {@link ProbeResult}.
 *
 * <p>Thread-safe: it keeps no state besides the shared HTTP clients.
 */
final class Prober {

    private final ContainerRuntime runtime;
    private final HttpProber http;

    Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
        this.http = new HttpProber();
    }

    /**
     * @param podIp where httpGet and tcpSocket probes without a host go; null for a pod on the
     *              host's network, which the kubelet reaches on loopback
     */
    ProbeResult run(Probe probe, Duration timeout, String podIp, RunningContainer container) {
        try {
            if (probe.exec() != null) {
                return exec(probe.exec(), timeout, container.containerId());
            }
            if (probe.httpGet() != null) {
                return httpGet(probe.httpGet(), timeout, podIp, container);
            }
            if (probe.tcpSocket() != null) {
                return tcpSocket(probe.tcpSocket(), timeout, podIp, container);
            }
            return ProbeResult.unknown("the probe has no handler: set exec, httpGet or tcpSocket");
        } catch (IllegalArgumentException e) {
            return ProbeResult.unknown(e.getMessage());
        }
    }

    private ProbeResult exec(ExecAction action, Duration timeout, String containerId) {
        String command = "command \"" + String.join(" ", action.command()) + "\"";
        try {
            ExecResult result = runtime.exec(containerId, action.command(), timeout);
            String output = result.output() == null ? "" : result.output().strip();
            return result.exitCode() == 0 ? ProbeResult.success(output)
                    : ProbeResult.failure(command + " exited with code " + result.exitCode()
                            + (output.isEmpty() ? "" : ": " + output));
        } catch (ContainerRuntimeException e) {
            // the runtime reports a timeout as FAILED: a failed run, as in Kubernetes; a vanished
            // container is no verdict on its health
            return e.kind() == ContainerRuntimeException.Kind.NOT_FOUND
                    ? ProbeResult.unknown(command + " could not run: " + e.getMessage())
                    : ProbeResult.failure(command + " failed: " + e.getMessage());
        }
    }

    private ProbeResult httpGet(HttpGetAction action, Duration timeout, String podIp, RunningContainer c) {
        int port = ProbePorts.resolve(action.port(), c.spec());
        return http.get(action, hostOf(action.host(), podIp), port, timeout);
    }

    private static ProbeResult tcpSocket(TcpSocketAction action, Duration timeout, String podIp, RunningContainer c) {
        int port = ProbePorts.resolve(action.port(), c.spec());
        String address = hostOf(action.host(), podIp) + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostOf(action.host(), podIp), port), millis(timeout));
            return ProbeResult.success("");
        } catch (IOException e) {
            return ProbeResult.failure("tcp connect to " + address + ": " + describe(e, timeout));
        }
    }

    static String hostOf(String host, String podIp) {
        if (host != null && !host.isBlank()) {
            return host;
        }
        return podIp == null || podIp.isBlank() ? "127.0.0.1" : podIp;
    }

    static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** What went wrong, in words: the JDK's HTTP client throws a refused connection without a message. */
    static String describe(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return "timed out after " + timeout.toMillis() + "ms";
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        // refused or unreachable: the JDK 17 client no longer knows which
        return e instanceof ConnectException ? "could not connect" : e.getClass().getSimpleName();
    }

    /** Whether a status means healthy: 2xx and 3xx, as Kubernetes. */
    static boolean healthy(int status) {
        return status >= 200 && status < 400;
    }
}
