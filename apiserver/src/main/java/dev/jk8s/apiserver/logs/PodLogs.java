package dev.jk8s.apiserver.logs;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import dev.jk8s.apiserver.registry.Registry;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.KubeletGrpc;
import dev.jk8s.proto.LogChunk;
import dev.jk8s.proto.LogsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/**
 * Container logs through the apiserver, as {@code kubectl logs} gets them: find the pod and
 * its node in the registry, then relay the stream from that node's kubelet
 * ({@code Kubelet.ContainerLogs} on the node's address and kubelet port). Thread-safe; close it
 * with the apiserver.
 */
public final class PodLogs implements AutoCloseable {

    private final Registry registry;
    private final KubeletConnections kubelets;

    /** {@code kubeletTls}: the client context of connections to kubelets; null for plaintext. */
    public PodLogs(Registry registry, SslContext kubeletTls) {
        this.registry = registry;
        this.kubelets = new KubeletConnections(kubeletTls);
    }

    /**
     * Starts relaying; returns at once. Refusals (no such pod, container or node) are thrown
     * before anything is sent; later failures go to {@code out} and {@code onEnd}, which gets
     * null after a complete stream.
     */
    public void stream(LogsRequest req, ServerCallStreamObserver<LogChunk> out, Consumer<ApiException> onEnd) {
        Pod pod = registry.store(Kinds.POD).get(req.getNamespace(), req.getPod());
        ContainerLogsRequest kubeletRequest = LogTargets.request(req, pod);
        String nodeName = pod.spec().nodeName();
        String endpoint = LogTargets.endpoint(node(nodeName, pod));
        KubeletGrpc.newStub(kubelets.channel(endpoint))
                .containerLogs(kubeletRequest, new LogRelay(out, nodeName, endpoint, onEnd));
    }

    private Node node(String nodeName, Pod pod) {
        try {
            return registry.store(Kinds.NODE).get(null, nodeName);
        } catch (ApiException e) {
            if (!ApiException.isNotFound(e)) {
                throw e;
            }
            throw ApiException.of(Reason.UNAVAILABLE, "pod " + pod.metadata().name() + " is bound to node " + nodeName
                    + ", which is not registered; its logs are unavailable until the node's kubelet registers it");
        }
    }

    @Override
    public void close() {
        kubelets.close();
    }
}
