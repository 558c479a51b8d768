package dev.jk8s.kubelet.runtime;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A container runtime in memory, for tests and for hollow nodes: containers start at once and
 * run until stopped, or until {@link #exit} (or {@link #onStart}) ends them. Images are present
 * when {@link #addImage added} (all are, with {@link #allImagesPresent}); nothing can be pulled.
 * Pod addresses come from 127.244.0.0/16, so that nothing sent to one can leave the host.
 * Thread-safe; records every start and stop for assertions.
 */
public final class FakeRuntime implements ContainerRuntime {

    private final Clock clock;
    private final Map<String, Fake> containers = new ConcurrentHashMap<>();
    /** Container ids by node: hollow nodes share one runtime, and each lists only its own. */
    private final Map<String, Set<String>> idsByNode = new ConcurrentHashMap<>();
    private final Set<String> images = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Consumer<PodRef>>> listeners = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger addresses = new AtomicInteger();
    private volatile boolean allImages;
    private volatile Function<ContainerSpec, Integer> onStart = spec -> null;
    private volatile Function<List<String>, ExecResult> onExec = cmd -> new ExecResult(0, "");
    private volatile RuntimeException failure;
    /** Container names started, as {@code ns/pod/name#attempt}, in order. */
    public final List<String> started = new CopyOnWriteArrayList<>();
    /** Ids stopped, in order. */
    public final List<String> stopped = new CopyOnWriteArrayList<>();
    /** The grace period of each stop, in the same order. */
    public final List<Duration> graces = new CopyOnWriteArrayList<>();

    private static final class Fake {
        volatile RuntimeContainer c;
        final String node;
        final StringBuilder log = new StringBuilder();

        Fake(String node, RuntimeContainer c) {
            this.node = node;
            this.c = c;
        }
    }

    public FakeRuntime(Clock clock) {
        this.clock = clock;
    }

    public FakeRuntime allImagesPresent() {
        allImages = true;
        return this;
    }

    public FakeRuntime addImage(String image) {
        images.add(image);
        return this;
    }

    /** Decides, at each start, an exit code to end the container with at once (null: it runs). */
    public FakeRuntime onStart(Function<ContainerSpec, Integer> exitCode) {
        onStart = exitCode;
        return this;
    }

    public FakeRuntime onExec(Function<List<String>, ExecResult> result) {
        onExec = result;
        return this;
    }

    /** Makes every call fail with {@code e} (null: works again), as an engine that went away. */
    public void failWith(RuntimeException e) {
        failure = e;
    }

    /** Ends a running container with {@code exitCode}, as if its process exited. */
    public void exit(String id, int exitCode) {
        Fake f = containers.get(id);
        if (f != null && f.c.isRunning()) {
            end(f, exitCode);
        }
    }

    /** Leaves a container created but never started, as a kubelet killed between create and start would. */
    public String addCreated(ContainerSpec spec) {
        String id = "fake" + ids.incrementAndGet();
        Instant now = clock.instant();
        put(id, new Fake(spec.node(), new RuntimeContainer(id, spec.pod(), spec.name(), spec.attempt(),
                RuntimeContainer.State.CREATED, null, null, now, null, null, spec.image(), "sha256:0", null)));
        return id;
    }

    /** Appends to a container's log. */
    public void log(String id, String text) {
        Fake f = containers.get(id);
        synchronized (f.log) {
            f.log.append(text);
        }
    }

    @Override
    public String version() {
        check();
        return "fake://1.0";
    }

    @Override
    public List<RuntimeContainer> list(String node) {
        check();
        List<RuntimeContainer> out = new ArrayList<>();
        for (String id : idsByNode.getOrDefault(node, Set.of())) {
            Fake f = containers.get(id);
            if (f != null) { // removed meanwhile
                out.add(f.c);
            }
        }
        return out;
    }

    @Override
    public List<RuntimeContainer> listPod(String node, String namespace, String name) {
        return list(node).stream().filter(c -> c.pod().namespace().equals(namespace) && c.pod().name().equals(name)).toList();
    }

    @Override
    public boolean hasImage(String image) {
        check();
        return allImages || images.contains(image);
    }

    @Override
    public void pullImage(String image) {
        check();
        throw new ContainerRuntimeException(ContainerRuntimeException.Kind.IMAGE_NOT_FOUND,
                "pull access denied for " + image + ": the fake runtime has no registry");
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        requireImage(spec.image());
        int n = addresses.incrementAndGet();
        String ip = spec.hostNetwork() ? null : "127.244." + (n / 250 % 250) + "." + (n % 250 + 1);
        return add(spec.node(), spec.pod(), Labels.SANDBOX_NAME, 0, spec.image(), ip, null);
    }

    @Override
    public String runContainer(ContainerSpec spec) {
        requireImage(spec.image());
        if (!containers.containsKey(spec.sandboxId())) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.NOT_FOUND, "no sandbox " + spec.sandboxId());
        }
        String id = add(spec.node(), spec.pod(), spec.name(), spec.attempt(), spec.image(), null, onStart.apply(spec));
        started.add(spec.pod().key() + "/" + spec.name() + "#" + spec.attempt());
        return id;
    }

    private String add(String node, PodRef pod, String name, int attempt, String image, String ip, Integer exitCode) {
        String id = "fake" + ids.incrementAndGet();
        Instant now = clock.instant();
        Fake f = new Fake(node, new RuntimeContainer(id, pod, name, attempt, RuntimeContainer.State.RUNNING, null, null,
                now, now, null, image, "sha256:" + Integer.toHexString(image.hashCode()), ip));
        put(id, f);
        if (exitCode != null) {
            end(f, exitCode);
        } else {
            notifyChanged(f);
        }
        return id;
    }

    private void put(String id, Fake f) {
        idsByNode.computeIfAbsent(f.node, n -> ConcurrentHashMap.newKeySet()).add(id);
        containers.put(id, f);
    }

    private void end(Fake f, int exitCode) {
        RuntimeContainer c = f.c;
        String reason = exitCode == 0 ? "Completed" : "Error";
        f.c = new RuntimeContainer(c.id(), c.pod(), c.name(), c.attempt(), RuntimeContainer.State.EXITED, exitCode,
                reason, c.createdAt(), c.startedAt(), clock.instant(), c.image(), c.imageId(), null);
        notifyChanged(f);
    }

    @Override
    public void stop(String id, Duration grace) {
        check();
        stopped.add(id);
        graces.add(grace);
        Fake f = containers.get(id);
        if (f != null && f.c.isRunning()) {
            end(f, 137);
        }
    }

    @Override
    public void remove(String id) {
        check();
        Fake f = containers.remove(id);
        if (f != null) {
            idsByNode.get(f.node).remove(id);
            notifyChanged(f);
        }
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        check();
        return onExec.apply(command);
    }

    @Override
    public Closeable streamLogs(String id, LogRequest request, LogSink sink) {
        check();
        Fake f = containers.get(id);
        if (f == null) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.NOT_FOUND, "no container " + id);
        }
        String text;
        synchronized (f.log) {
            text = f.log.toString();
        }
        sink.chunk(tail(text, request.tailLines()).getBytes(StandardCharsets.UTF_8));
        sink.end(null);
        return () -> { };
    }

    private static String tail(String text, long lines) {
        if (lines < 0) {
            return text;
        }
        List<String> all = new ArrayList<>(text.lines().toList());
        return String.join("", all.subList((int) Math.max(0, all.size() - lines), all.size()).stream().map(l -> l + "\n").toList());
    }

    @Override
    public Closeable watchEvents(String node, Consumer<PodRef> changed) {
        listeners.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>()).add(changed);
        return () -> listeners.get(node).remove(changed);
    }

    private void notifyChanged(Fake f) {
        listeners.getOrDefault(f.node, List.of()).forEach(l -> l.accept(f.c.pod()));
    }

    private void requireImage(String image) {
        if (!hasImage(image)) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.IMAGE_NOT_FOUND,
                    "No such image: " + image);
        }
    }

    private void check() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }
}
