package dev.jk8s.api.core;

import static dev.jk8s.api.Values.or;
import static dev.jk8s.api.core.PodSpecValidation.isEmpty;
import static dev.jk8s.api.core.ServiceSpec.CLUSTER_IP;
import static dev.jk8s.api.core.ServiceSpec.EXTERNAL_NAME;
import static dev.jk8s.api.core.ServiceSpec.HEADLESS;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.IntOrString;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.LabelValidation;
import dev.jk8s.api.validation.Names;
import dev.jk8s.api.validation.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Defaults and validation of Services. */
final class Services {

    private static final Path SPEC = Path.of("spec");
    private static final List<String> TYPES =
            List.of(CLUSTER_IP, ServiceSpec.NODE_PORT, ServiceSpec.LOAD_BALANCER, EXTERNAL_NAME);
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

    private Services() {
    }

    static Service defaults(Service svc) {
        ServiceSpec spec = svc.spec();
        String type = or(spec.type(), CLUSTER_IP);
        ServiceSpec.Builder b = spec.toBuilder()
                .type(type)
                .sessionAffinity(or(spec.sessionAffinity(), "None"))
                .ports(spec.ports().stream().map(Services::port).toList());
        if (!EXTERNAL_NAME.equals(type)) {
            b.internalTrafficPolicy(or(spec.internalTrafficPolicy(), "Cluster"));
        }
        if (b.build().usesNodePorts()) {
            b.externalTrafficPolicy(or(spec.externalTrafficPolicy(), "Cluster"));
        }
        return svc.withSpec(b.build());
    }

    /** targetPort = port; an invalid port is not copied, so that it is reported once, where it was written. */
    private static ServicePort port(ServicePort p) {
        boolean copy = p.targetPort() == null && p.port() != null && p.port() >= 1 && p.port() <= 65535;
        return p.withDefaults(or(p.protocol(), "TCP"), copy ? IntOrString.of(p.port()) : p.targetPort());
    }

    static List<FieldError> validate(Service svc) {
        Errors errs = new Errors();
        ServiceSpec spec = svc.spec();
        errs.oneOf(SPEC.child("type"), spec.type(), TYPES);
        boolean externalName = EXTERNAL_NAME.equals(spec.type());
        if (spec.ports().isEmpty() && !externalName) {
            errs.add(SPEC.child("ports"), "Required value");
        }
        ports(errs, SPEC.child("ports"), spec);
        clusterIP(errs, spec);
        if (externalName && errs.required(SPEC.child("externalName"), spec.externalName())) {
            errs.dnsSubdomain(SPEC.child("externalName"), spec.externalName());
        }
        LabelValidation.labels(errs, SPEC.child("selector"), spec.selector());
        errs.oneOf(SPEC.child("sessionAffinity"), spec.sessionAffinity(), List.of("None", "ClientIP"));
        errs.oneOf(SPEC.child("internalTrafficPolicy"), spec.internalTrafficPolicy(), TRAFFIC_POLICIES);
        externalTrafficPolicy(errs, spec);
        return errs.list();
    }

    /** The clusterIP, once allocated, is what clients and proxies use: it may not move. */
    static List<FieldError> validateUpdate(Service svc, Service old) {
        Errors errs = new Errors();
        String was = old.spec().clusterIP();
        if (!isEmpty(was) && !EXTERNAL_NAME.equals(svc.spec().type())) {
            errs.immutable(SPEC.child("clusterIP"), svc.spec().clusterIP(), was);
        }
        return errs.list();
    }

    private static void ports(Errors errs, Path path, ServiceSpec spec) {
        Set<String> names = new HashSet<>();
        Set<String> portsAndProtocols = new HashSet<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort port = spec.ports().get(i);
            Path p = path.index(i);
            name(errs, p.child("name"), port.name(), spec.ports().size() > 1, names);
            if (errs.required(p.child("port"), port.port())) {
                errs.port(p.child("port"), port.port());
                String key = port.port() + "/" + port.protocol();
                if (!portsAndProtocols.add(key)) {
                    errs.duplicate(p, key);
                }
            }
            errs.oneOf(p.child("protocol"), port.protocol(), ContainerValidation.PROTOCOLS);
            if (port.targetPort() != null) {
                ProbeValidation.portNumOrName(errs, p.child("targetPort"), port.targetPort());
            }
            nodePort(errs, p.child("nodePort"), port.nodePort(), spec);
        }
    }

    /** Endpoints and DNS SRV records tell ports apart by name, so with several ports each needs one. */
    private static void name(Errors errs, Path p, String name, boolean several, Set<String> names) {
        if (isEmpty(name)) {
            if (several) {
                errs.add(p, "Required value");
            }
            return;
        }
        errs.dnsLabel(p, name);
        if (!names.add(name)) {
            errs.duplicate(p, name);
        }
    }

    private static void nodePort(Errors errs, Path p, Integer nodePort, ServiceSpec spec) {
        if (nodePort == null || nodePort == 0) {
            return;
        }
        if (!spec.usesNodePorts()) {
            errs.forbidden(p, "may not be used when `type` is '" + spec.type() + "'");
        } else if (nodePort < ServicePort.NODE_PORT_MIN || nodePort > ServicePort.NODE_PORT_MAX) {
            errs.invalid(p, nodePort, "provided port is not in the valid range. The range of valid ports is "
                    + ServicePort.NODE_PORT_MIN + "-" + ServicePort.NODE_PORT_MAX);
        }
    }

    private static void clusterIP(Errors errs, ServiceSpec spec) {
        String ip = spec.clusterIP();
        Path p = SPEC.child("clusterIP");
        if (isEmpty(ip)) {
            return;
        }
        if (EXTERNAL_NAME.equals(spec.type())) {
            errs.forbidden(p, "may not be set for ExternalName services");
        } else if (HEADLESS.equals(ip) && spec.usesNodePorts()) {
            errs.invalid(p, ip, "may not be set to 'None' for " + spec.type() + " services");
        } else if (!HEADLESS.equals(ip) && !Names.isIPv4(ip)) {
            errs.invalid(p, ip, "must be a valid IPv4 address (e.g. 10.96.0.10), \"None\" or empty");
        }
        if (!spec.clusterIPs().isEmpty() && !ip.equals(spec.clusterIPs().get(0))) {
            errs.invalid(SPEC.child("clusterIPs").index(0), spec.clusterIPs().get(0),
                    "must match `clusterIP` when both are specified");
        }
    }

    private static void externalTrafficPolicy(Errors errs, ServiceSpec spec) {
        Path p = SPEC.child("externalTrafficPolicy");
        if (isEmpty(spec.externalTrafficPolicy())) {
            return;
        }
        if (!spec.usesNodePorts()) {
            errs.invalid(p, spec.externalTrafficPolicy(),
                    "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
        } else {
            errs.oneOf(p, spec.externalTrafficPolicy(), TRAFFIC_POLICIES);
        }
    }
}
