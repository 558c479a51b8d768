package dev.jk8s.api.core;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node's kubelet reports: total {@code capacity} and the part {@code allocatable} to pods,
 * conditions (Ready with {@code lastHeartbeatTime}), addresses, software versions and the
 * kubelet's endpoint. Collections, {@code nodeInfo} and {@code daemonEndpoints} are never null.
 */
public record NodeStatus(Map<String, Quantity> capacity, Map<String, Quantity> allocatable,
                         List<Condition> conditions, List<NodeAddress> addresses, NodeSystemInfo nodeInfo,
                         NodeDaemonEndpoints daemonEndpoints) {

    public static final NodeStatus EMPTY = new NodeStatus(null, null, null, null, null, null);

    public NodeStatus {
        capacity = Values.map(capacity);
        allocatable = Values.map(allocatable);
        conditions = Values.list(conditions);
        addresses = Values.list(addresses);
        nodeInfo = nodeInfo == null ? NodeSystemInfo.EMPTY : nodeInfo;
        daemonEndpoints = daemonEndpoints == null ? NodeDaemonEndpoints.EMPTY : daemonEndpoints;
    }

    public NodeStatus withConditions(List<Condition> conditions) {
        return new NodeStatus(capacity, allocatable, conditions, addresses, nodeInfo, daemonEndpoints);
    }

    /** The address to reach the node's daemons at: its InternalIP, else its Hostname, else empty. */
    public Optional<String> daemonAddress() {
        for (String type : List.of("InternalIP", "Hostname")) {
            for (NodeAddress a : addresses) {
                if (type.equals(a.type()) && a.address() != null && !a.address().isBlank()) {
                    return Optional.of(a.address());
                }
            }
        }
        return Optional.empty();
    }
}
