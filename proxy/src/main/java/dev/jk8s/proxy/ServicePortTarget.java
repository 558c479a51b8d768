package dev.jk8s.proxy;

import dev.jk8s.api.core.EndpointAddress;
import dev.jk8s.api.core.EndpointPort;
import dev.jk8s.api.core.EndpointSubset;
import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One port of one Service as the proxy routes it: its cluster IP and port, its node port (0:
 * none), whether a client sticks to one endpoint, and the ready endpoints ({@code ip:port}) the
 * Endpoints object of the same name lists for the port of the same name, in a stable order.
 * Pure; immutable.
 */
public record ServicePortTarget(String service, String portName, String protocol, String clusterIp, int port, int nodePort,
                         boolean clientIpAffinity, List<String> endpoints) {

    /** {@code namespace/name:port} (just {@code namespace/name} for an unnamed port), as Kubernetes names it. */
    public String id() {
        return portName == null || portName.isEmpty() ? service : service + ":" + portName;
    }

    /** Every port of every Service with a cluster IP, with its endpoints from {@code endpoints} (by Service key). */
    public static List<ServicePortTarget> of(List<Service> services, Map<String, Endpoints> endpoints) {
        List<ServicePortTarget> out = new ArrayList<>();
        for (Service s : services) {
            String ip = s.spec().clusterIP();
            if (ip == null || ip.isEmpty() || ServiceSpec.HEADLESS.equals(ip)) {
                continue;
            }
            String key = s.metadata().namespace() + "/" + s.metadata().name();
            for (ServicePort p : s.spec().ports()) {
                String proto = p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
                out.add(new ServicePortTarget(key, p.name(), proto.toLowerCase(Locale.ROOT), ip, p.port(),
                        p.nodePort() == null ? 0 : p.nodePort(), "ClientIP".equals(s.spec().sessionAffinity()),
                        ready(endpoints.get(key), p.name(), proto)));
            }
        }
        out.sort(Comparator.comparing(ServicePortTarget::id).thenComparing(ServicePortTarget::protocol));
        return out;
    }

    private static List<String> ready(Endpoints eps, String portName, String protocol) {
        if (eps == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (EndpointSubset subset : eps.subsets()) {
            for (EndpointPort ep : subset.ports()) {
                String epProto = ep.protocol() == null || ep.protocol().isEmpty() ? "TCP" : ep.protocol();
                if (Objects.equals(blankToNull(ep.name()), blankToNull(portName)) && epProto.equalsIgnoreCase(protocol)) {
                    for (EndpointAddress a : subset.addresses()) {
                        out.add(a.ip() + ":" + ep.port());
                    }
                }
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
