package dev.jk8s.api.core;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.Values;
import java.util.List;
import java.util.Map;

/**
 * What a node's kubelet reports: total {@code capacity} and the part {@code allocatable} to pods,
 * conditions (Ready with {@code lastHeartbeatTime}), addresses and software versions.
 * Collections and {@code nodeInfo} are never null.
 */
public record NodeStatus(Map<String, Quantity> capacity, Map<String, Quantity> allocatable,
                         List<Condition> conditions, List<NodeAddress> addresses, NodeSystemInfo nodeInfo) {

    public static final NodeStatus EMPTY = new NodeStatus(null, null, null, null, null);

    public NodeStatus {
        capacity = Values.map(capacity);
        allocatable = Values.map(allocatable);
        conditions = Values.list(conditions);
        addresses = Values.list(addresses);
        nodeInfo = nodeInfo == null ? NodeSystemInfo.EMPTY : nodeInfo;
    }

    public NodeStatus withConditions(List<Condition> conditions) {
        return new NodeStatus(capacity, allocatable, conditions, addresses, nodeInfo);
    }
}
