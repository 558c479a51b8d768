package dev.jk8s.kubelet.logs;

import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ContainerSpec;
import dev.jk8s.kubelet.runtime.ExecResult;
import dev.jk8s.kubelet.runtime.Labels;
import dev.jk8s.kubelet.runtime.LogRequest;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.kubelet.runtime.SandboxSpec;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Just enough of a runtime for logs: containers added by the test, each with its log text, streamed
 * line by line from a thread of its own (as an engine does); a followed log stays open until closed.
 */
final class LogsRuntime implements ContainerRuntime {

    final List<RuntimeContainer> containers = new CopyOnWriteArrayList<>();
    final Map<String, String> logs = new ConcurrentHashMap<>();
    final List<LogRequest> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch followed = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    volatile RuntimeException listFailure;
    final AtomicLong delivered = new AtomicLong();
    volatile Thread engine;

    /** Adds an exited (or, for the highest attempt, running) instance of {@code name} with its log. */
    RuntimeContainer add(String node, PodRef pod, String name, int attempt, String log) {
        String id = pod.name() + "-" + name + "-" + attempt + "-" + pod.uid();
        RuntimeContainer c = new RuntimeContainer(id, pod, name, attempt, RuntimeContainer.State.RUNNING, null, null,
                Instant.EPOCH.plusSeconds(attempt), Instant.EPOCH.plusSeconds(attempt), null, "jk8s/busybox:latest",
                "sha256:1", null);
        containers.add(c);
        logs.put(id, log);
        return c;
    }

    RuntimeContainer addSandbox(PodRef pod) {
        RuntimeContainer c = new RuntimeContainer(pod.name() + "-sandbox", pod, Labels.SANDBOX_NAME, 0,
                RuntimeContainer.State.RUNNING, null, null, Instant.EPOCH, Instant.EPOCH, null, "jk8s/pause:latest",
                "sha256:2", "172.17.0.2");
        containers.add(c);
        return c;
    }

    @Override
    public List<RuntimeContainer> listPod(String node, String namespace, String name) {
        if (listFailure != null) {
            throw listFailure;
        }
        return containers.stream().filter(c -> c.pod().namespace().equals(namespace) && c.pod().name().equals(name)).toList();
    }

    @Override
    public Closeable streamLogs(String id, LogRequest request, LogSink sink) {
        requests.add(request);
        String log = logs.get(id);
        if (log == null) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.NOT_FOUND, "No such container: " + id);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread engine = new Thread(() -> {
            List<String> lines = Arrays.asList(log.split("(?<=\n)"));
            if (request.tailLines() >= 0) {
                lines = lines.subList(Math.max(0, lines.size() - (int) request.tailLines()), lines.size());
            }
            for (String line : lines) {
                if (stop.getCount() == 0) {
                    return;
                }
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                sink.chunk(bytes);
                delivered.addAndGet(bytes.length);
            }
            if (request.follow()) {
                followed.countDown();
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                sink.end(null);
            }
        }, "fake-engine-" + id);
        engine.setDaemon(true);
        this.engine = engine;
        engine.start();
        return () -> {
            stop.countDown();
            closed.countDown();
        };
    }

    @Override
    public String version() {
        return "fake://1.0";
    }

    @Override
    public List<RuntimeContainer> list(String node) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasImage(String image) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pullImage(String image) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String runContainer(ContainerSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(String id, Duration grace) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Closeable watchEvents(String node, Consumer<PodRef> changed) {
        throw new UnsupportedOperationException();
    }
}
