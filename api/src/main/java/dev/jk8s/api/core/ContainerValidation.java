package dev.jk8s.api.core;

import static dev.jk8s.api.core.PodSpecValidation.isEmpty;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of the containers of a pod spec: names, image, ports, environment, resources, mounts, probes, hooks. */
final class ContainerValidation {

    static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    /** What the kubelet can resolve for an env var's fieldRef; labels and annotations go by key. */
    private static final List<String> FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs");
    private static final Pattern KEYED_FIELD_PATH = Pattern.compile("metadata\\.(labels|annotations)\\['[^']+'\\]");

    private ContainerValidation() {
    }

    /** Checks each container; {@code names} collects container names across lists to find duplicates. */
    static void containers(Errors errs, Path path, List<Container> containers, Set<String> volumes,
                           Set<String> names, boolean init) {
        for (int i = 0; i < containers.size(); i++) {
            container(errs, path.index(i), containers.get(i), volumes, names, init);
        }
    }

    private static void container(Errors errs, Path p, Container c, Set<String> volumes, Set<String> names,
                                  boolean init) {
        Path name = p.child("name");
        if (errs.required(name, c.name())) {
            errs.dnsLabel(name, c.name());
            if (!names.add(c.name())) {
                errs.duplicate(name, c.name());
            }
        }
        errs.required(p.child("image"), c.image());
        errs.oneOf(p.child("imagePullPolicy"), c.imagePullPolicy(), PULL_POLICIES);
        errs.oneOf(p.child("terminationMessagePolicy"), c.terminationMessagePolicy(), MESSAGE_POLICIES);
        ports(errs, p.child("ports"), c.ports());
        env(errs, p.child("env"), c.env());
        envFrom(errs, p.child("envFrom"), c.envFrom());
        resources(errs, p.child("resources"), c.resources());
        mounts(errs, p.child("volumeMounts"), c.volumeMounts(), volumes);
        ProbeValidation.probes(errs, p, c, init);
        LifecycleValidation.lifecycle(errs, p, c, init);
    }

    private static void ports(Errors errs, Path path, List<ContainerPort> ports) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            Path p = path.index(i);
            if (!isEmpty(port.name())) {
                errs.portName(p.child("name"), port.name());
                if (!names.add(port.name())) {
                    errs.duplicate(p.child("name"), port.name());
                }
            }
            if (errs.required(p.child("containerPort"), port.containerPort())) {
                errs.port(p.child("containerPort"), port.containerPort());
            }
            // 0 is Kubernetes' "no host port"
            if (port.hostPort() != null && port.hostPort() != 0) {
                errs.port(p.child("hostPort"), port.hostPort());
            }
            errs.ipv4(p.child("hostIP"), PodSpecValidation.emptyToNull(port.hostIP()));
            errs.oneOf(p.child("protocol"), port.protocol(), PROTOCOLS);
        }
    }

    private static void env(Errors errs, Path path, List<EnvVar> env) {
        for (int i = 0; i < env.size(); i++) {
            EnvVar e = env.get(i);
            Path p = path.index(i);
            if (errs.required(p.child("name"), e.name()) && e.name().contains("=")) {
                errs.invalid(p.child("name"), e.name(), "must not contain '='");
            }
            if (e.valueFrom() != null) {
                valueFrom(errs, p.child("valueFrom"), e);
            }
        }
    }

    private static void valueFrom(Errors errs, Path p, EnvVar e) {
        EnvVarSource from = e.valueFrom();
        int sources = count(from.fieldRef(), from.configMapKeyRef(), from.secretKeyRef());
        if (sources == 0) {
            errs.invalid(p, "", "must specify one of: `fieldRef`, `configMapKeyRef` or `secretKeyRef`");
        } else if (sources > 1) {
            errs.invalid(p, "", "may not have more than one field specified at a time");
        }
        if (!isEmpty(e.value())) {
            errs.invalid(p, "", "may not be specified when `value` is not empty");
        }
        if (from.fieldRef() != null) {
            fieldRef(errs, p.child("fieldRef"), from.fieldRef());
        }
        keyRef(errs, p.child("configMapKeyRef"), from.configMapKeyRef());
        keyRef(errs, p.child("secretKeyRef"), from.secretKeyRef());
    }

    private static void fieldRef(Errors errs, Path p, ObjectFieldSelector ref) {
        errs.oneOf(p.child("apiVersion"), ref.apiVersion(), List.of("v1"));
        String path = ref.fieldPath();
        if (errs.required(p.child("fieldPath"), path) && !KEYED_FIELD_PATH.matcher(path).matches()) {
            errs.oneOf(p.child("fieldPath"), path, FIELD_PATHS);
        }
    }

    private static void keyRef(Errors errs, Path p, KeySelector ref) {
        if (ref != null) {
            errs.required(p.child("name"), ref.name());
            if (errs.required(p.child("key"), ref.key())) {
                ConfigMaps.key(errs, p.child("key"), ref.key());
            }
        }
    }

    private static void envFrom(Errors errs, Path path, List<EnvFromSource> sources) {
        for (int i = 0; i < sources.size(); i++) {
            EnvFromSource s = sources.get(i);
            Path p = path.index(i);
            int set = count(s.configMapRef(), s.secretRef());
            if (set != 1) {
                errs.invalid(p, "", set == 0 ? "must specify one of: `configMapRef` or `secretRef`"
                        : "may not have more than one field specified at a time");
            }
            if (s.configMapRef() != null) {
                errs.required(p.child("configMapRef").child("name"), s.configMapRef().name());
            }
            if (s.secretRef() != null) {
                errs.required(p.child("secretRef").child("name"), s.secretRef().name());
            }
        }
    }

    private static void resources(Errors errs, Path path, ResourceRequirements r) {
        r.limits().forEach((name, q) -> quantity(errs, path.child("limits").key(name), q));
        for (Map.Entry<String, Quantity> e : r.requests().entrySet()) {
            Path p = path.child("requests").key(e.getKey());
            Quantity limit = r.limits().get(e.getKey());
            if (quantity(errs, p, e.getValue()) && limit != null && e.getValue().compareTo(limit) > 0) {
                errs.invalid(p, e.getValue().toString(),
                        "must be less than or equal to " + e.getKey() + " limit of " + limit);
            }
        }
    }

    /** Checks that a quantity is present and not negative; returns whether it is usable. */
    private static boolean quantity(Errors errs, Path p, Quantity q) {
        if (!errs.required(p, q)) {
            return false;
        }
        if (q.amount().signum() < 0) {
            errs.invalid(p, q.toString(), "must be greater than or equal to 0");
            return false;
        }
        return true;
    }

    private static void mounts(Errors errs, Path path, List<VolumeMount> mounts, Set<String> volumes) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            Path p = path.index(i);
            if (errs.required(p.child("name"), m.name()) && !volumes.contains(m.name())) {
                errs.notFound(p.child("name"), m.name());
            }
            if (errs.required(p.child("mountPath"), m.mountPath()) && !paths.add(m.mountPath())) {
                errs.invalid(p.child("mountPath"), m.mountPath(), "must be unique");
            }
            if (!isEmpty(m.subPath())) {
                VolumeValidation.relativePath(errs, p.child("subPath"), m.subPath());
            }
        }
    }

    static int count(Object... fields) {
        int n = 0;
        for (Object f : fields) {
            n += f == null ? 0 : 1;
        }
        return n;
    }
}
