package dev.jk8s.ctl.describe;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeSystemInfo;
import dev.jk8s.api.core.Taint;
import dev.jk8s.ctl.get.Cells;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code describe node} shows between the metadata and the conditions, as kubectl: roles,
 * taints, whether it is cordoned, addresses, capacity and allocatable resources, and the software
 * its kubelet reported. Pure.
 */
final class NodeDescription {

    private NodeDescription() {
    }

    static void write(DescribeText out, Node node) {
        out.field("Roles", Cells.nodeRoles(node));
        out.lines(0, DescribeText.WIDTH, "Taints", node.spec().taints().stream().map(NodeDescription::taint).toList());
        out.field("Unschedulable", node.spec().isUnschedulable());
        if (node.status().addresses().isEmpty()) {
            out.field("Addresses", null);
        } else {
            out.heading(0, "Addresses");
            node.status().addresses().forEach(a -> out.field(2, 12, a.type(), a.address()));
        }
        resources(out, "Capacity", node.status().capacity());
        resources(out, "Allocatable", node.status().allocatable());
        NodeSystemInfo info = node.status().nodeInfo();
        if (!NodeSystemInfo.EMPTY.equals(info)) {
            out.heading(0, "System Info");
            out.field(2, 27, "Kernel Version", info.kernelVersion());
            out.field(2, 27, "OS Image", info.osImage());
            out.field(2, 27, "Operating System", info.operatingSystem());
            out.field(2, 27, "Architecture", info.architecture());
            out.field(2, 27, "Container Runtime Version", info.containerRuntimeVersion());
            out.field(2, 27, "Kubelet Version", info.kubeletVersion());
        }
        int port = node.status().daemonEndpoints().kubeletPort();
        out.field("Kubelet Port", port == 0 ? null : port);
    }

    private static void resources(DescribeText out, String title, Map<String, Quantity> values) {
        if (values.isEmpty()) {
            out.field(title, null);
            return;
        }
        out.heading(0, title);
        new TreeMap<>(values).forEach((k, v) -> out.field(2, 19, k, v));
    }

    private static String taint(Taint t) {
        return t.key() + (t.value() == null || t.value().isEmpty() ? "" : "=" + t.value()) + ":" + t.effect();
    }
}
