package dev.jk8s.controllermanager.endpoints;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;
import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import dev.jk8s.controllermanager.controller.Pods;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a Service's Endpoints should hold, as Kubernetes' EndpointsController computes it. Pure.
 *
 * <p>A pod is in the Endpoints when the Service's selector matches its labels, it has an IP
 * ({@code status.podIP}), it has not finished, and it is not being deleted (unless the Service
 * says {@code publishNotReadyAddresses}). Ready pods go to {@code addresses}, others to
 * {@code notReadyAddresses}; with {@code publishNotReadyAddresses} every one goes to
 * {@code addresses}. Each Service port's {@code targetPort} is resolved per pod (a number as is,
 * a name through the pod's container ports of the same protocol, absent: the Service port); a pod
 * without a named port is left out of that port only. Pods that resolve to the same ports share a
 * subset (Kubernetes' RepackSubsets).
 *
 * <p>The result is canonical: ports sorted by name, number and protocol, addresses by IP and then
 * pod uid, subsets by their ports. The same pods in any order give an equal list, so comparing it
 * with what is stored tells whether a write is needed.
 */
public final class EndpointsPlan {

    /** The label Kubernetes puts on the Endpoints of a headless Service. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private static final Comparator<EndpointPort> PORT_ORDER = Comparator
            .comparing(EndpointPort::name, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(EndpointPort::port, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
            .thenComparing(EndpointPort::protocol, Comparator.nullsFirst(Comparator.<String>naturalOrder()));
    private static final Comparator<EndpointAddress> ADDRESS_ORDER = Comparator
            .comparing(EndpointAddress::ip)
            .thenComparing(a -> a.targetRef() == null ? null : a.targetRef().uid(),
                    Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    private EndpointsPlan() {
    }

    /**
     * The canonical subsets of {@code service}'s Endpoints.
     *
     * @param pods the pods of the Service's namespace (any order; the selector is applied here)
     */
    public static List<EndpointSubset> of(Service service, Collection<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
        // ports (canonical) → ready and not-ready addresses; the TreeMap key orders the subsets
        Map<String, Group> groups = new TreeMap<>();
        for (Pod pod : pods) {
            if (!selects(service, pod) || !belongs(pod, publishNotReady)) {
                continue;
            }
            Optional<List<EndpointPort>> ports = ports(service, pod);
            if (ports.isEmpty()) {
                continue;
            }
            Group group = groups.computeIfAbsent(key(ports.get()), k -> new Group(ports.get()));
            (publishNotReady || Pods.isReady(pod) ? group.ready : group.notReady).add(address(service, pod));
        }
        return groups.values().stream().map(Group::subset).toList();
    }

    /**
     * The Endpoints' labels: the Service's, plus {@value #HEADLESS_LABEL} when it is headless
     * ({@code clusterIP: None}). Kubernetes also marks a Service whose clusterIP is empty; here the
     * apiserver allocates none, so an empty one does not mean headless.
     */
    public static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>(service.metadata().labels());
        if (ServiceSpec.HEADLESS.equals(service.spec().clusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return Map.copyOf(labels);
    }

    /** Whether the Service's selector is set (only then are its Endpoints managed) and matches the pod. */
    public static boolean selects(Service service, Pod pod) {
        Map<String, String> selector = service.spec().selector();
        Map<String, String> labels = pod.metadata().labels();
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /**
     * Whether a change of a pod can change any Endpoints: what this plan reads of it differs.
     * Lets the controller ignore the many status updates that touch nothing of it.
     */
    public static boolean mayChangeEndpoints(Pod old, Pod pod) {
        return !relevant(old).equals(relevant(pod));
    }

    /** Kubernetes' ShouldPodBeInEndpoints. */
    static boolean belongs(Pod pod, boolean includeTerminating) {
        String ip = pod.status().podIP();
        return ip != null && !ip.isEmpty() && !pod.status().isTerminal()
                && (includeTerminating || !pod.metadata().isTerminating());
    }

    /**
     * The pod's resolved ports, one per Service port it has; empty when it has none. A Service
     * without ports gives address-only subsets if headless, and nothing otherwise (as Kubernetes).
     */
    private static Optional<List<EndpointPort>> ports(Service service, Pod pod) {
        if (service.spec().ports().isEmpty()) {
            return ServiceSpec.HEADLESS.equals(service.spec().clusterIP()) ? Optional.of(List.of()) : Optional.empty();
        }
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : service.spec().ports()) {
            resolve(sp, pod).ifPresent(n -> ports.add(new EndpointPort(sp.name(), n, protocol(sp.protocol()), sp.appProtocol())));
        }
        ports.sort(PORT_ORDER);
        return ports.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(ports));
    }

    /** Kubernetes' FindPort: a number as is; a name in the pod's container ports of the same protocol. */
    static Optional<Integer> resolve(ServicePort sp, Pod pod) {
        IntOrString target = sp.targetPort();
        if (target == null) {
            return Optional.ofNullable(sp.port());
        }
        if (target.isInt()) {
            return Optional.of(target.intValue());
        }
        for (Container c : pod.spec().containers()) {
            for (ContainerPort cp : c.ports()) {
                if (target.stringValue().equals(cp.name()) && protocol(cp.protocol()).equals(protocol(sp.protocol()))) {
                    return Optional.ofNullable(cp.containerPort());
                }
            }
        }
        return Optional.empty();
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol; // the apiserver's default
    }

    /** The pod's address; its hostname only when it names this Service as its subdomain (Kubernetes' rule). */
    private static EndpointAddress address(Service service, Pod pod) {
        String hostname = pod.spec().hostname();
        boolean named = hostname != null && !hostname.isEmpty()
                && Objects.equals(pod.spec().subdomain(), service.metadata().name());
        String node = pod.spec().nodeName();
        ObjectReference ref = new ObjectReference("Pod", pod.metadata().namespace(), pod.metadata().name(),
                pod.metadata().uid(), null, null, null);
        return new EndpointAddress(pod.status().podIP(), named ? hostname : null,
                node == null || node.isEmpty() ? null : node, ref);
    }

    private static String key(List<EndpointPort> ports) {
        StringBuilder key = new StringBuilder();
        for (EndpointPort p : ports) {
            key.append(p.name()).append('\0').append(p.port()).append('\0').append(p.protocol()).append('\0')
                    .append(p.appProtocol()).append('\n');
        }
        return key.toString();
    }

    /** What of a pod this plan reads (besides its identity, which an update cannot change). */
    private static List<Object> relevant(Pod pod) {
        List<Object> ports = new ArrayList<>();
        pod.spec().containers().forEach(c -> ports.add(c.ports()));
        return Arrays.asList(pod.metadata().labels(), pod.status().podIP(), pod.status().isTerminal(),
                pod.metadata().isTerminating(), Pods.isReady(pod), pod.spec().nodeName(), pod.spec().hostname(),
                pod.spec().subdomain(), ports);
    }

    /** One subset being built: its ports and addresses. */
    private record Group(List<EndpointPort> ports, List<EndpointAddress> ready, List<EndpointAddress> notReady) {
        Group(List<EndpointPort> ports) {
            this(ports, new ArrayList<>(), new ArrayList<>());
        }

        EndpointSubset subset() {
            return new EndpointSubset(ready.stream().sorted(ADDRESS_ORDER).toList(),
                    notReady.stream().sorted(ADDRESS_ORDER).toList(), ports);
        }
    }
}
