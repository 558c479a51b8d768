package dev.jk8s.kubelet.logs;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.LogRequest;
import dev.jk8s.kubelet.runtime.RuntimeContainer;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.KubeletGrpc;
import dev.jk8s.proto.LogChunk;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's {@code Kubelet.ContainerLogs}, which the apiserver calls for {@code jctl logs}:
 * finds the pod's container instance in the {@link ContainerRuntime} (the request's pod uid, the
 * named container, its latest instance or with {@code previous} the one before; see
 * {@link ContainerPicker} for the refusals) and streams its log.
 *
 * <p>Runtime calls run on the {@code executor} given, never on a gRPC thread; chunks are sent as
 * the caller can take them (see {@link LogForwarder}), and a caller that cancels closes the
 * runtime's stream. Errors are the API's ({@link ApiException} as a gRPC status), so the
 * apiserver passes them through to jctl unchanged. Thread-safe; one instance serves every call.
 */
public final class KubeletLogService extends KubeletGrpc.KubeletImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(KubeletLogService.class);

    private final String node;
    private final ContainerRuntime runtime;
    private final Executor executor;

    /**
     * @param node     the node whose containers this kubelet owns (the runtime's {@code Labels.NODE})
     * @param executor runs the runtime calls that start each stream; the caller owns it
     */
    public KubeletLogService(String node, ContainerRuntime runtime, Executor executor) {
        this.node = Objects.requireNonNull(node, "node");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void containerLogs(ContainerLogsRequest req, StreamObserver<LogChunk> observer) {
        ServerCallStreamObserver<LogChunk> call = (ServerCallStreamObserver<LogChunk>) observer;
        LogForwarder forwarder = new LogForwarder(call, e -> streamFailed(req, e));
        try {
            executor.execute(() -> stream(req, forwarder));
        } catch (RejectedExecutionException e) {
            forwarder.fail(ApiException.unavailable("the kubelet of node " + node + " is shutting down"));
        }
    }

    private void stream(ContainerLogsRequest req, LogForwarder forwarder) {
        try {
            RuntimeContainer container = ContainerPicker.pick(req, node, listPod(req));
            LOG.debug("node {}: streaming the log of {} ({}) of pod {}/{}", node, container.name(), container.id(),
                    req.getNamespace(), req.getPod());
            forwarder.attach(runtime.streamLogs(container.id(), logRequest(req), forwarder));
        } catch (ApiException e) {
            forwarder.fail(e);
        } catch (RuntimeException e) {
            forwarder.fail(streamFailed(req, e));
        }
    }

    private List<RuntimeContainer> listPod(ContainerLogsRequest req) {
        try {
            return runtime.listPod(node, req.getNamespace(), req.getPod());
        } catch (RuntimeException e) {
            throw ApiException.unavailable("the container runtime of node " + node + " did not list pod "
                    + req.getNamespace() + "/" + req.getPod() + ": " + e.getMessage());
        }
    }

    private static LogRequest logRequest(ContainerLogsRequest req) {
        return new LogRequest(req.getFollow(), req.getHasTailLines() ? Math.max(0, req.getTailLines()) : -1);
    }

    private ApiException streamFailed(ContainerLogsRequest req, Throwable e) {
        String what = "container \"" + req.getContainer() + "\" in pod \"" + req.getPod() + "\"";
        if (e instanceof ContainerRuntimeException r && r.kind() == ContainerRuntimeException.Kind.NOT_FOUND) {
            return new ApiException(Reason.NOT_FOUND, "pods", req.getPod(), "the log of " + what
                    + " is gone: the container was removed on node " + node + " (" + r.getMessage() + ")", List.of());
        }
        LOG.warn("node {}: reading the log of {} of {}/{} failed: {}", node, req.getContainer(), req.getNamespace(),
                req.getPod(), e.getMessage());
        return ApiException.of(Reason.INTERNAL, "reading the log of " + what + " on node " + node + " failed: "
                + e.getMessage());
    }
}
