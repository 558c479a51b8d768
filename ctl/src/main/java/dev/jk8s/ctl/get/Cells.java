package dev.jk8s.ctl.get;

import dev.jk8s.api.Condition;
import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.Selector;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.NodeAddress;
import dev.jk8s.api.core.PodTemplateSpec;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import dev.jk8s.api.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cells of the kinds other than pods ({@link PodCells}), formatted as kubectl prints them. An
 * empty string means "nothing": {@link Column#value} shows it as {@code <none>}. Pure.
 */
public final class Cells {

    static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";
    private static final int MAX_ENDPOINTS = 3;

    private Cells() {
    }

    /** {@code k=v,k2=v2}, sorted by key. */
    static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    public static String selector(LabelSelector selector) {
        return selector == null ? "" : Selector.from(selector).toString();
    }

    static String count(Integer n) {
        return String.valueOf(n == null ? 0 : n);
    }

    /** The container names or images of a pod template, comma-separated. */
    static String containers(PodTemplateSpec template, Function<Container, String> field) {
        return template.spec().containers().stream().map(field).map(String::valueOf).collect(Collectors.joining(","));
    }

    /** {@code Ready}, {@code NotReady} or {@code Unknown}, then {@code ,SchedulingDisabled} when cordoned. */
    static String nodeStatus(Node node) {
        String ready = Condition.find(node.status().conditions(), "Ready")
                .map(c -> c.isTrue() ? "Ready" : Condition.FALSE.equals(c.status()) ? "NotReady" : "Unknown")
                .orElse("Unknown");
        return node.spec().isUnschedulable() ? ready + ",SchedulingDisabled" : ready;
    }

    /** The roles of {@code node-role.kubernetes.io/<role>} labels (and {@code kubernetes.io/role}), sorted. */
    public static String nodeRoles(Node node) {
        TreeMap<String, String> roles = new TreeMap<>();
        node.metadata().labels().forEach((key, value) -> {
            if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                roles.put(key.substring(ROLE_LABEL_PREFIX.length()), "");
            } else if (key.equals(LEGACY_ROLE_LABEL) && !value.isEmpty()) {
                roles.put(value, "");
            }
        });
        return String.join(",", roles.keySet());
    }

    static String nodeAddress(Node node, String type) {
        return node.status().addresses().stream().filter(a -> type.equals(a.type())).map(NodeAddress::address)
                .findFirst().orElse("");
    }

    static String serviceType(Service service) {
        return service.spec().type() == null ? ServiceSpec.CLUSTER_IP : service.spec().type();
    }

    /** kubectl's EXTERNAL-IP: the load balancer's addresses ({@code <pending>} until it has some), the external name. */
    static String externalIp(Service service) {
        return switch (serviceType(service)) {
            case ServiceSpec.LOAD_BALANCER -> {
                String ips = service.status().loadBalancer().ingress().stream()
                        .map(i -> i.ip() != null ? i.ip() : i.hostname()).filter(Objects::nonNull)
                        .collect(Collectors.joining(","));
                yield ips.isEmpty() ? "<pending>" : ips;
            }
            case ServiceSpec.EXTERNAL_NAME -> Objects.toString(service.spec().externalName(), "");
            default -> "";
        };
    }

    /** {@code 80/TCP,443:30443/TCP}: port, node port when there is one, protocol. */
    static String servicePorts(Service service) {
        return service.spec().ports().stream().map(Cells::servicePort).collect(Collectors.joining(","));
    }

    private static String servicePort(ServicePort p) {
        String nodePort = p.nodePort() == null || p.nodePort() == 0 ? "" : ":" + p.nodePort();
        return p.port() + nodePort + "/" + (p.protocol() == null ? "TCP" : p.protocol());
    }

    /**
     * The names of the subjects of one kind, {@code ", "}-separated; service accounts as
     * {@code namespace/name}, as kubectl's {@code SubjectsStrings}.
     */
    static String subjects(List<Subject> subjects, String kind) {
        return subjects.stream().filter(s -> s.kind().equals(kind))
                .map(s -> kind.equals(Subject.SERVICE_ACCOUNT) ? s.namespace() + "/" + s.name() : s.name())
                .collect(Collectors.joining(", "));
    }

    /** {@code ip:port,...}, the first three then {@code + N more...}, as kubectl shows them. */
    static String endpoints(Endpoints endpoints) {
        List<String> all = new ArrayList<>();
        for (EndpointSubset subset : endpoints.subsets()) {
            if (subset.ports().isEmpty()) {
                subset.addresses().forEach(a -> all.add(a.ip()));
            }
            for (EndpointPort port : subset.ports()) {
                for (EndpointAddress address : subset.addresses()) {
                    all.add(address.ip() + ":" + port.port());
                }
            }
        }
        String shown = String.join(",", all.subList(0, Math.min(all.size(), MAX_ENDPOINTS)));
        return all.size() > MAX_ENDPOINTS ? shown + " + " + (all.size() - MAX_ENDPOINTS) + " more..." : shown;
    }
}
