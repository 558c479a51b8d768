package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;

/**
 * A machine (or a simulated one) that runs pods. Its kubelet registers it and writes its status
 * (capacity, conditions, heartbeats); users and controllers write {@code spec} (cordon, taints).
 * Cluster-scoped; spec and status are never null.
 */
public record Node(String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status)
        implements ApiObject {

    public Node {
        apiVersion = "v1";
        kind = "Node";
        spec = spec == null ? NodeSpec.EMPTY : spec;
        status = status == null ? NodeStatus.EMPTY : status;
    }

    public Node(ObjectMeta metadata, NodeSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public Node withMetadata(ObjectMeta metadata) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    public Node withSpec(NodeSpec spec) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    public Node withStatus(NodeStatus status) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }
}
