package dev.jk8s.apiserver.registry.allocation;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.FieldError;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import dev.jk8s.apiserver.registry.Allocations;
import dev.jk8s.apiserver.storage.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Services' clusterIPs (from the service CIDR) and nodePorts (from the node-port range), as
 * Kubernetes' service registry allocates them: a requested value is taken if free and in range,
 * otherwise the create is Invalid with the field and the reason
 * ({@code spec.clusterIPs[0]: Invalid value: "10.96.0.10": failed to allocate IP 10.96.0.10:
 * provided IP is already allocated}); an empty one gets a free value. Headless services
 * ({@code clusterIP: None}) and ExternalName services take no IP; only NodePort and
 * LoadBalancer services take node ports. Allocation records live in the store under
 * {@code /registry/ranges/serviceips} and {@code /registry/ranges/servicenodeports}.
 * Thread-safe.
 */
public final class ServiceAllocations implements Allocations<Service> {

    private final RangeAllocator ips;
    private final RangeAllocator ports;

    /**
     * @param serviceCidr   e.g. {@code 10.96.0.0/12}
     * @param nodePortRange e.g. {@code 30000-32767}
     * @throws IllegalArgumentException when either does not parse, with what was expected
     */
    public ServiceAllocations(Store store, String serviceCidr, String nodePortRange) {
        Random random = new Random();
        this.ips = new RangeAllocator(store, "/registry/ranges/serviceips", IntRange.Cidr.parse(serviceCidr), random);
        this.ports = new RangeAllocator(store, "/registry/ranges/servicenodeports", IntRange.Ports.parse(nodePortRange), random);
    }

    @Override
    public Service allocate(Service svc) {
        List<String> takenIps = new ArrayList<>();
        List<Integer> takenPorts = new ArrayList<>();
        try {
            ServiceSpec spec = withClusterIP(svc, takenIps);
            spec = withNodePorts(svc, spec, List.of(), takenPorts);
            return svc.withSpec(spec);
        } catch (ApiException e) {
            takenIps.forEach(ips::release);
            takenPorts.forEach(p -> ports.release(String.valueOf(p)));
            throw e;
        }
    }

    @Override
    public void release(Service svc) {
        if (takesIp(svc.spec())) {
            ips.release(svc.spec().clusterIP());
        }
        nodePorts(svc.spec()).forEach(p -> ports.release(String.valueOf(p)));
    }

    @Override
    public Service reallocate(Service next, Service old) {
        List<Integer> taken = new ArrayList<>();
        ServiceSpec spec;
        try {
            spec = withNodePorts(next, next.spec(), old.spec().ports(), taken);
        } catch (ApiException e) {
            taken.forEach(p -> ports.release(String.valueOf(p)));
            throw e;
        }
        Set<Integer> kept = new HashSet<>(nodePorts(spec));
        nodePorts(old.spec()).stream().filter(p -> !kept.contains(p)).forEach(p -> ports.release(String.valueOf(p)));
        return next.withSpec(spec);
    }

    @Override
    public void repair(List<Service> existing) {
        ips.rebuild(existing.stream().filter(s -> takesIp(s.spec())).map(s -> s.spec().clusterIP()).toList());
        ports.rebuild(existing.stream().flatMap(s -> nodePorts(s.spec()).stream()).map(String::valueOf).toList());
    }

    /** How many clusterIPs and node ports are taken (for tests and metrics). */
    public int usedIps() {
        return ips.used();
    }

    public int usedNodePorts() {
        return ports.used();
    }

    private ServiceSpec withClusterIP(Service svc, List<String> taken) {
        ServiceSpec spec = svc.spec();
        if (ServiceSpec.EXTERNAL_NAME.equals(spec.type()) || ServiceSpec.HEADLESS.equals(spec.clusterIP())) {
            return spec;
        }
        String requested = spec.clusterIP();
        if (requested == null || requested.isEmpty()) {
            String ip = ips.allocateNext().orElseThrow(() -> invalid(svc, "spec.clusterIPs[0]", "",
                    "failed to allocate a service IP: the range " + ips.range().describe() + " is full"));
            taken.add(ip);
            return spec.withClusterIP(ip);
        }
        switch (ips.allocate(requested)) {
            case TAKEN -> throw invalid(svc, "spec.clusterIPs[0]", requested,
                    "failed to allocate IP " + requested + ": provided IP is already allocated");
            case OUT_OF_RANGE -> throw invalid(svc, "spec.clusterIPs[0]", requested, "failed to allocate IP " + requested
                    + ": provided IP is not in the valid range. The range of valid IPs is " + ips.range().describe());
            case ALLOCATED -> taken.add(requested);
        }
        return spec.withClusterIP(requested);
    }

    /** Node ports for every port of a NodePort or LoadBalancer service; an unset one reuses {@code old}'s for the same port. */
    private ServiceSpec withNodePorts(Service svc, ServiceSpec spec, List<ServicePort> old, List<Integer> taken) {
        if (!spec.usesNodePorts()) {
            return spec.withPorts(spec.ports().stream().map(p -> p.withNodePort(null)).toList());
        }
        Set<Integer> held = new HashSet<>(old.stream().map(ServicePort::nodePort).filter(p -> p != null).toList());
        List<ServicePort> out = new ArrayList<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort p = spec.ports().get(i);
            Integer port = p.nodePort() != null ? p.nodePort() : previous(p, old).orElse(null);
            if (port != null && held.contains(port)) {
                out.add(p.withNodePort(port)); // already this service's
                continue;
            }
            out.add(p.withNodePort(allocatePort(svc, i, port, taken)));
        }
        return spec.withPorts(out);
    }

    private int allocatePort(Service svc, int index, Integer requested, List<Integer> taken) {
        String field = "spec.ports[" + index + "].nodePort";
        if (requested == null) {
            String port = ports.allocateNext().orElseThrow(() -> invalid(svc, field, "",
                    "failed to allocate a node port: the range " + ports.range().describe() + " is full"));
            taken.add(Integer.parseInt(port));
            return Integer.parseInt(port);
        }
        switch (ports.allocate(String.valueOf(requested))) {
            case TAKEN -> throw invalid(svc, field, String.valueOf(requested), "provided port is already allocated");
            case OUT_OF_RANGE -> throw invalid(svc, field, String.valueOf(requested),
                    "provided port is not in the valid range. The range of valid ports is " + ports.range().describe());
            case ALLOCATED -> taken.add(requested);
        }
        return requested;
    }

    private static Optional<Integer> previous(ServicePort p, List<ServicePort> old) {
        return old.stream().filter(o -> o.nodePort() != null && java.util.Objects.equals(o.port(), p.port())
                && java.util.Objects.equals(o.protocol(), p.protocol())).map(ServicePort::nodePort).findFirst();
    }

    private static boolean takesIp(ServiceSpec spec) {
        return spec.clusterIP() != null && !spec.clusterIP().isEmpty() && !ServiceSpec.HEADLESS.equals(spec.clusterIP());
    }

    private static List<Integer> nodePorts(ServiceSpec spec) {
        return spec.ports().stream().map(ServicePort::nodePort).filter(p -> p != null).toList();
    }

    private static ApiException invalid(Service svc, String field, String value, String why) {
        String shown = value.matches("[0-9]+") ? value : "\"" + value + "\"";
        return ApiException.invalid("services", svc.metadata().name(),
                List.of(new FieldError(field, "Invalid value: " + shown + ": " + why)));
    }
}
