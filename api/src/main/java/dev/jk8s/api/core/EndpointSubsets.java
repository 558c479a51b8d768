package dev.jk8s.api.core;

import static dev.jk8s.api.core.PodSpecValidation.emptyToNull;
import static dev.jk8s.api.core.PodSpecValidation.isEmpty;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.Values;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.List;

/**
 * Defaults and validation of Endpoints, which are all subsets. Loopback addresses are allowed:
 * here, unlike in Kubernetes, host-network pods on a single host legitimately have them.
 */
final class EndpointSubsets {

    private EndpointSubsets() {
    }

    static Endpoints defaults(Endpoints ep) {
        return ep.withSubsets(ep.subsets().stream().map(EndpointSubsets::defaults).toList());
    }

    private static EndpointSubset defaults(EndpointSubset s) {
        List<EndpointPort> ports = s.ports().stream().map(p -> p.withProtocol(Values.or(p.protocol(), "TCP"))).toList();
        return new EndpointSubset(s.addresses(), s.notReadyAddresses(), ports);
    }

    static List<FieldError> validate(Endpoints ep) {
        Errors errs = new Errors();
        for (int i = 0; i < ep.subsets().size(); i++) {
            subset(errs, Path.of("subsets").index(i), ep.subsets().get(i));
        }
        return errs.list();
    }

    private static void subset(Errors errs, Path p, EndpointSubset s) {
        if (s.addresses().isEmpty() && s.notReadyAddresses().isEmpty()) {
            errs.add(p, "Required value: must specify `addresses` or `notReadyAddresses`");
        }
        addresses(errs, p.child("addresses"), s.addresses());
        addresses(errs, p.child("notReadyAddresses"), s.notReadyAddresses());
        for (int i = 0; i < s.ports().size(); i++) {
            port(errs, p.child("ports").index(i), s.ports().get(i), s.ports().size() > 1);
        }
    }

    private static void addresses(Errors errs, Path path, List<EndpointAddress> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            EndpointAddress a = addresses.get(i);
            Path p = path.index(i);
            if (errs.required(p.child("ip"), a.ip())) {
                errs.ipv4(p.child("ip"), a.ip());
            }
            errs.dnsLabel(p.child("hostname"), emptyToNull(a.hostname()));
            errs.dnsSubdomain(p.child("nodeName"), emptyToNull(a.nodeName()));
        }
    }

    private static void port(Errors errs, Path p, EndpointPort port, boolean named) {
        if (isEmpty(port.name()) && named) {
            errs.add(p.child("name"), "Required value");
        } else {
            errs.dnsLabel(p.child("name"), emptyToNull(port.name()));
        }
        if (errs.required(p.child("port"), port.port())) {
            errs.port(p.child("port"), port.port());
        }
        if (errs.required(p.child("protocol"), port.protocol())) {
            errs.oneOf(p.child("protocol"), port.protocol(), ContainerValidation.PROTOCOLS);
        }
    }
}
