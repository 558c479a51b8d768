package dev.jk8s.kubelet.runtime;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kubelet's only view of the container engine. {@code DockerRuntime} drives dockerd;
 * {@code FakeRuntime} keeps containers in memory for tests and hollow nodes.
 *
 * <p>Contract for every implementation: thread-safe; calls block until the engine has done
 * what they ask; failures are {@link ContainerRuntimeException}s carrying the engine's message;
 * everything created carries {@link Labels} and is found again by them, so the runtime holds no
 * state of its own that a restart of the kubelet could lose.
 */
public interface ContainerRuntime {

    /** The engine's name and version, as a Node reports it: {@code docker://20.10.24}. */
    String version();

    /** Every container (sandboxes included, running or not) labelled with {@code node}. */
    List<RuntimeContainer> list(String node);

    /** The containers of {@code node} whose pod has this namespace and name, whatever its uid. */
    List<RuntimeContainer> listPod(String node, String namespace, String name);

    /** Whether the image is on the node. */
    boolean hasImage(String image);

    /**
     * Fetches the image from its registry.
     *
     * @throws ContainerRuntimeException IMAGE_NOT_FOUND with the engine's message when it cannot
     */
    void pullImage(String image);

    /**
     * Creates and starts the pod's sandbox.
     *
     * @return the sandbox's container id
     * @throws ContainerRuntimeException IMAGE_NOT_FOUND when the sandbox image is missing
     */
    String runSandbox(SandboxSpec spec);

    /**
     * Creates and starts one container instance in its pod's sandbox. A container that was
     * created but failed to start is removed again.
     *
     * @return the container id
     * @throws ContainerRuntimeException IMAGE_NOT_FOUND when the image is not on the node
     */
    String runContainer(ContainerSpec spec);

    /**
     * Sends SIGTERM, waits up to {@code grace}, then kills. Returns once the container has
     * stopped; a container that is not running or does not exist is no error.
     */
    void stop(String id, Duration grace);

    /** Removes the container (killing it if needed); one that does not exist is no error. */
    void remove(String id);

    /**
     * Runs a command in a running container and waits for it.
     *
     * @throws ContainerRuntimeException FAILED when it does not finish within {@code timeout}
     */
    ExecResult exec(String id, List<String> command, Duration timeout);

    /**
     * Streams a container's log (stdout and stderr, as written) to {@code sink}, from the engine's
     * threads. Closing the handle stops the stream; {@link LogSink#end} is then not called.
     */
    Closeable streamLogs(String id, LogRequest request, LogSink sink);

    /**
     * Reports, best effort, the pods of {@code node} whose containers started, stopped or went
     * away. The kubelet still lists periodically: an event lost here only delays it.
     */
    Closeable watchEvents(String node, Consumer<PodRef> changed);

    /** Where a log stream delivers. */
    interface LogSink {

        void chunk(byte[] data);

        /** The stream ended: {@code error} is null after a complete log (or a stopped container). */
        void end(Throwable error);
    }
}
