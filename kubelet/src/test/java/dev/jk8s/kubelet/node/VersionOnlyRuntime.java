package dev.jk8s.kubelet.node;

import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ContainerSpec;
import dev.jk8s.kubelet.runtime.ExecResult;
import dev.jk8s.kubelet.runtime.LogRequest;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.kubelet.runtime.SandboxSpec;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A runtime that only answers {@link #version()} (the node agent's health probe), or fails it with {@link #failure}. */
final class VersionOnlyRuntime implements ContainerRuntime {

    volatile String failure;
    volatile String version = "fake://1.0";

    @Override
    public String version() {
        String f = failure;
        if (f != null) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED, f);
        }
        return version;
    }

    @Override
    public List<RuntimeContainer> list(String node) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RuntimeContainer> listPod(String node, String namespace, String name) {
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
    public Closeable streamLogs(String id, LogRequest request, LogSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Closeable watchEvents(String node, Consumer<PodRef> changed) {
        throw new UnsupportedOperationException();
    }
}
