package dev.jk8s.kubelet.probe;

import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ExecAction;
import dev.jk8s.api.core.HttpGetAction;
import dev.jk8s.api.core.LifecycleHandler;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ExecResult;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handler of a lifecycle hook once ({@code exec} in the container, {@code httpGet} to the
 * pod, {@code sleep}), with the probes' exec and HTTP code, blocking for at most about
 * {@code budget}: a handler still running then is abandoned (an exec's process is left to die
 * with its container). Never throws. Thread-safe.
 */
public final class HookHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(HookHandlers.class);

    /** How a sleep hook waits; tests advance a manual clock instead. */
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    private final ContainerRuntime runtime;
    private final HttpProber http = new HttpProber();
    private final Sleeper sleeper;

    public HookHandlers(ContainerRuntime runtime, Sleeper sleeper) {
        this.runtime = runtime;
        this.sleeper = sleeper;
    }

    /**
     * @param podIp       where an httpGet without a host goes; null for a pod on the host's network (loopback)
     * @param containerId the running container an exec runs in
     * @param spec        the container's spec, whose ports name an httpGet's port
     * @return empty when the handler succeeded (or a sleep ended, even cut short by the budget);
     *         otherwise what went wrong. A command's output is logged, never returned: it goes
     *         into an event, and a hook's output may hold secrets.
     */
    public Optional<String> run(LifecycleHandler handler, Duration budget, String podIp, String containerId, Container spec) {
        try {
            if (handler.exec() != null) {
                return exec(handler.exec(), budget, containerId);
            }
            if (handler.httpGet() != null) {
                return httpGet(handler.httpGet(), budget, podIp, spec);
            }
            if (handler.sleep() != null) {
                return sleep(handler.sleep().seconds(), budget);
            }
            return Optional.of("the hook has no handler this kubelet runs: set exec, httpGet or sleep");
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> exec(ExecAction action, Duration budget, String containerId) {
        String command = "command \"" + String.join(" ", action.command()) + "\"";
        try {
            ExecResult result = runtime.exec(containerId, action.command(), budget);
            if (result.exitCode() == 0) {
                return Optional.empty();
            }
            LOG.info("hook {} in container {} exited with code {}: {}", command, containerId, result.exitCode(),
                    result.output() == null ? "" : result.output().strip());
            return Optional.of(command + " exited with code " + result.exitCode());
        } catch (ContainerRuntimeException e) {
            return Optional.of(command + " failed: " + e.getMessage());
        }
    }

    private Optional<String> httpGet(HttpGetAction action, Duration budget, String podIp, Container spec) {
        int port = ProbePorts.resolve(action.port(), spec);
        String host = Prober.hostOf(action.host(), podIp);
        ProbeResult result = http.get(action, host, port, budget);
        if (result.status() == ProbeResult.Status.SUCCESS) {
            return Optional.empty();
        }
        // the prober's words for a bad status name no address; a hook's failure should
        String message = result.message();
        return Optional.of(message.startsWith("GET ") ? message
                : "GET " + HttpProber.uri(action, host, port) + ": " + message.replace("HTTP probe failed with", "answered"));
    }

    /** Waits the hook's seconds, but never beyond the budget. */
    private Optional<String> sleep(Long seconds, Duration budget) {
        Duration wanted = Duration.ofSeconds(seconds == null ? 0 : seconds);
        try {
            sleeper.sleep(wanted.compareTo(budget) > 0 ? budget : wanted);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the kubelet is shutting down: let the stop go ahead
            return Optional.of("sleep interrupted");
        }
    }
}
