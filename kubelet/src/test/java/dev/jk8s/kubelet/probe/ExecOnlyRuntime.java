package dev.jk8s.kubelet.probe;

import dev.jk8s.kubelet.runtime.ContainerRuntime;
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

/** A runtime for probe tests: only {@code exec} works, answering as the test says. */
final class ExecOnlyRuntime implements ContainerRuntime {

    /** How a test answers an exec. */
    interface Exec {
        ExecResult run(String id, List<String> command, Duration timeout);
    }

    private volatile Exec exec;

    ExecOnlyRuntime(Exec exec) {
        this.exec = exec;
    }

    void answer(Exec exec) {
        this.exec = exec;
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        return exec.run(id, command, timeout);
    }

    @Override public String version() { throw new UnsupportedOperationException(); }
    @Override public List<RuntimeContainer> list(String node) { throw new UnsupportedOperationException(); }
    @Override public List<RuntimeContainer> listPod(String node, String namespace, String name) {
        throw new UnsupportedOperationException();
    }
    @Override public boolean hasImage(String image) { throw new UnsupportedOperationException(); }
    @Override public void pullImage(String image) { throw new UnsupportedOperationException(); }
    @Override public String runSandbox(SandboxSpec spec) { throw new UnsupportedOperationException(); }
    @Override public String runContainer(ContainerSpec spec) { throw new UnsupportedOperationException(); }
    @Override public void stop(String id, Duration grace) { throw new UnsupportedOperationException(); }
    @Override public void remove(String id) { throw new UnsupportedOperationException(); }
    @Override public Closeable streamLogs(String id, LogRequest request, LogSink sink) {
        throw new UnsupportedOperationException();
    }
    @Override public Closeable watchEvents(String node, Consumer<PodRef> changed) {
        throw new UnsupportedOperationException();
    }
}
