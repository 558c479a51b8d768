package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException.Kind;
import dev.jk8s.kubelet.runtime.ContainerSpec;
import dev.jk8s.kubelet.runtime.ExecResult;
import dev.jk8s.kubelet.runtime.LogRequest;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.kubelet.runtime.SandboxSpec;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ContainerRuntime} of a real node: drives dockerd over its API (docker-java with the
 * zero-dependency transport). It never pulls an image implicitly: creating a container from a
 * missing image fails with IMAGE_NOT_FOUND.
 *
 * <p>Thread-safe: docker-java's client is, and the only state kept here is a cache of inspect
 * results, which the engine's containers can always rebuild. Streams (logs, events) are delivered
 * on docker-java's threads. {@link #close()} ends the connection pool and the event watches'
 * reconnects.
 */
public final class DockerRuntime implements ContainerRuntime, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);
    /** Exec output beyond this many bytes is dropped. */
    static final int EXEC_OUTPUT_LIMIT = 10 * 1024;
    static final Duration PULL_TIMEOUT = Duration.ofMinutes(15);
    static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final ContainerReader reader;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "docker-events-reconnect");
        t.setDaemon(true);
        return t;
    });

    DockerRuntime(DockerClient docker) {
        this.docker = docker;
        this.reader = new ContainerReader(docker);
    }

    /**
     * A runtime talking to the engine at {@code DOCKER_HOST}, or {@code unix:///var/run/docker.sock}.
     * Connects lazily: an engine that is down fails the first call, not this one.
     */
    public static DockerRuntime connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(100)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return new DockerRuntime(DockerClientImpl.getInstance(config, http));
    }

    @Override
    public String version() {
        return call("read the Docker engine's version", () -> "docker://" + docker.versionCmd().exec().getVersion());
    }

    @Override
    public List<RuntimeContainer> list(String node) {
        return call("list the containers of node " + node, () -> reader.list(node));
    }

    @Override
    public List<RuntimeContainer> listPod(String node, String namespace, String name) {
        return call("list the containers of pod " + namespace + "/" + name + " on node " + node,
                () -> reader.listPod(node, namespace, name));
    }

    @Override
    public boolean hasImage(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        } catch (RuntimeException e) {
            throw DockerErrors.map("inspect image \"" + image + "\"", e);
        }
    }

    @Override
    public void pullImage(String image) {
        String action = "pull image \"" + image + "\"";
        String[] reference = ImageReference.split(image);
        log.info("pulling image {}", image);
        String failure;
        try (PullProgress pull = docker.pullImageCmd(reference[0]).withTag(reference[1]).exec(new PullProgress())) {
            boolean done = pull.awaitCompletion(PULL_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
            failure = done ? pull.failure() : "timed out after " + PULL_TIMEOUT.toMinutes() + " minutes";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException(Kind.FAILED, action + ": interrupted", e);
        } catch (IOException | RuntimeException e) {
            failure = DockerErrors.engineMessage(e);
        }
        if (failure == null && !hasImage(image)) {
            failure = "the engine reported success, but the image is not on the node";
        }
        if (failure != null) {
            throw new ContainerRuntimeException(Kind.IMAGE_NOT_FOUND, action + ": " + failure);
        }
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        String action = "run the sandbox of pod " + spec.pod().key();
        String id = createAndStart(action, CreateCommands.sandbox(docker, spec), CreateCommands.sandboxName(spec));
        log.info("pod {}: sandbox {} started on node {}", spec.pod().key(), ContainerReader.shortId(id), spec.node());
        return id;
    }

    @Override
    public String runContainer(ContainerSpec spec) {
        String action = "run container \"" + spec.name() + "\" of pod " + spec.pod().key();
        String id = createAndStart(action, CreateCommands.container(docker, spec), CreateCommands.containerName(spec));
        log.info("pod {}: container {} (attempt {}) started as {}", spec.pod().key(), spec.name(), spec.attempt(),
                ContainerReader.shortId(id));
        return id;
    }

    @Override
    public void stop(String id, Duration grace) {
        try {
            if (grace.isZero() || grace.isNegative()) {
                kill(id);
            } else {
                docker.stopContainerCmd(id).withTimeout(seconds(grace)).exec();
            }
            log.debug("container {} stopped", ContainerReader.shortId(id));
        } catch (NotFoundException | NotModifiedException goneOrNotRunning) {
            log.debug("container {} was not running", ContainerReader.shortId(id));
        } catch (RuntimeException e) {
            throw DockerErrors.map("stop container " + ContainerReader.shortId(id), e);
        }
    }

    @Override
    public void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            log.debug("container {} removed", ContainerReader.shortId(id));
        } catch (NotFoundException gone) {
            log.debug("container {} was gone already", ContainerReader.shortId(id));
        } catch (RuntimeException e) {
            throw DockerErrors.map("remove container " + ContainerReader.shortId(id), e);
        } finally {
            reader.forget(id);
        }
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        String action = "exec " + command + " in container " + ContainerReader.shortId(id);
        try {
            String execId = docker.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            String output = collect(execId, timeout, action);
            return new ExecResult(exitCode(execId, action), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException(Kind.FAILED, action + ": interrupted", e);
        } catch (RuntimeException e) {
            throw DockerErrors.map(action, e);
        }
    }

    @Override
    public Closeable streamLogs(String id, LogRequest request, LogSink sink) {
        LogContainerCmd cmd = docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(request.follow()).withTimestamps(false);
        if (request.tailLines() >= 0) {
            cmd.withTail((int) Math.min(request.tailLines(), Integer.MAX_VALUE));
        } else {
            cmd.withTailAll();
        }
        LogStream stream = new LogStream(id, sink);
        try {
            return cmd.exec(stream);
        } catch (RuntimeException e) {
            stream.onError(e);
            return stream;
        }
    }

    @Override
    public Closeable watchEvents(String node, Consumer<PodRef> changed) {
        return new EventWatch(docker, node, changed, retries).start();
    }

    /** Ends the event watches' reconnects and the connection to the engine. Idempotent. */
    @Override
    public void close() {
        retries.shutdownNow();
        try {
            docker.close();
        } catch (IOException e) {
            log.debug("closing the Docker client failed", e);
        }
    }

    private String createAndStart(String action, CreateContainerCmd cmd, String name) {
        String id = create(action, cmd, name);
        try {
            docker.startContainerCmd(id).exec();
            return id;
        } catch (RuntimeException e) {
            removeAfterFailedStart(id, action);
            throw DockerErrors.map(action, e);
        }
    }

    private String create(String action, CreateContainerCmd cmd, String name) {
        try {
            try {
                return cmd.withName(name).exec().getId();
            } catch (ConflictException nameTaken) {
                // a leftover (say, of a kubelet that died mid-way) holds the name: the labels,
                // not the name, identify a container, so take another
                String other = name + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
                log.info("container name {} is taken; creating {}", name, other);
                return cmd.withName(other).exec().getId();
            }
        } catch (RuntimeException e) {
            throw DockerErrors.map(action, e);
        }
    }

    private void removeAfterFailedStart(String id, String action) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            log.warn("{}: container {} failed to start and could not be removed: {}", action,
                    ContainerReader.shortId(id), DockerErrors.engineMessage(e));
        }
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (ConflictException notRunning) {
            return;
        }
        try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            wait.awaitStatusCode(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.io.IOException e) {
            log.debug("closing the wait for container {}: {}", id, e.toString());
        }
    }

    private String collect(String execId, Duration timeout, String action) throws InterruptedException {
        try (ExecOutput output = docker.execStartCmd(execId).exec(new ExecOutput(EXEC_OUTPUT_LIMIT))) {
            if (!output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContainerRuntimeException(Kind.FAILED, action + ": timed out after " + format(timeout));
            }
            return output.text();
        } catch (IOException closing) {
            throw new ContainerRuntimeException(Kind.FAILED, action + ": " + closing.getMessage(), closing);
        }
    }

    /** The exec's exit code; the engine records it a moment after the output stream ends. */
    private int exitCode(String execId, String action) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
                return exec.getExitCodeLong().intValue();
            }
            if (System.nanoTime() > deadline) {
                throw new ContainerRuntimeException(Kind.FAILED, action + ": the engine reports no exit code");
            }
            Thread.sleep(10);
        }
    }

    private static <T> T call(String action, Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (RuntimeException e) {
            throw DockerErrors.map(action, e);
        }
    }

    /** Docker's stop timeout is whole seconds: rounded up, so the grace is never cut short. */
    static int seconds(Duration grace) {
        long seconds = grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
