package dev.jk8s.kubelet.pod;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Quantity;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.EnvFromSource;
import dev.jk8s.api.core.EnvVar;
import dev.jk8s.api.core.KeySelector;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ResourceRequirements;
import dev.jk8s.api.core.Secret;
import dev.jk8s.kubelet.runtime.ContainerSpec;
import dev.jk8s.kubelet.runtime.PodRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a pod's container into what the runtime runs: environment resolved (the namespace's
 * service variables ({@link ServiceEnv}), values, fields of the pod, keys of ConfigMaps and
 * Secrets, {@code envFrom}), {@code $(VAR)} references in
 * command, args and values expanded as Kubernetes does ({@code $$(VAR)} stays literal), limits
 * in the engine's units, mounts from {@link PodVolumes}.
 */
public final class ContainerSpecs {

    private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private final String node;
    private final PodVolumes volumes;
    private final PodVolumes.ObjectSource objects;

    public ContainerSpecs(String node, PodVolumes volumes, PodVolumes.ObjectSource objects) {
        this.node = node;
        this.volumes = volumes;
        this.objects = objects;
    }

    /**
     * @throws ApiException NotFound when a ConfigMap or Secret (or key) it needs is missing and
     *                      not optional: the container waits with CreateContainerConfigError
     */
    public ContainerSpec of(Pod pod, Container c, int attempt, String sandboxId, String podIp, String hostIp) {
        Map<String, String> env = env(pod, c, podIp, hostIp);
        ResourceRequirements r = c.resources();
        Quantity cpu = r.limits().get(ResourceRequirements.CPU);
        Quantity memory = r.limits().get(ResourceRequirements.MEMORY);
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        return new ContainerSpec(node, ref(pod), c.name(), attempt, sandboxId, c.image(), expand(c.command(), env),
                expand(c.args(), env), envList, c.workingDir(), volumes.mounts(pod, c),
                cpu == null ? 0 : cpu.millis() * 1_000_000, memory == null ? 0 : memory.value());
    }

    static PodRef ref(Pod pod) {
        return new PodRef(pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid());
    }

    private Map<String, String> env(Pod pod, Container c, String podIp, String hostIp) {
        // Service variables first: the container's own env, after them, wins.
        Map<String, String> env = new LinkedHashMap<>(ServiceEnv.of(objects.services(pod.metadata().namespace())));
        for (EnvFromSource from : c.envFrom()) {
            String prefix = from.prefix() == null ? "" : from.prefix();
            new java.util.TreeMap<>(envFrom(pod, from)).forEach((k, v) -> env.put(prefix + k, v)); // in key order
        }
        for (EnvVar e : c.env()) {
            String value;
            try {
                value = e.valueFrom() == null ? expand(e.value() == null ? "" : e.value(), env) : valueFrom(pod, e, podIp, hostIp);
            } catch (ApiException ex) {
                throw new ApiException(ex.reason(), ex.resource(), ex.name(), "container \"" + c.name() + "\", env "
                        + e.name() + ": " + ex.getMessage(), ex.causes());
            }
            if (value != null) {
                env.put(e.name(), value);
            }
        }
        return env;
    }

    private Map<String, String> envFrom(Pod pod, EnvFromSource from) {
        String ns = pod.metadata().namespace();
        try {
            if (from.configMapRef() != null) {
                return objects.configMap(ns, from.configMapRef().name()).data();
            }
            Map<String, String> decoded = new LinkedHashMap<>();
            objects.secret(ns, from.secretRef().name()).data().forEach((k, v) -> decoded.put(k, decode(v)));
            return decoded;
        } catch (ApiException e) {
            var ref = from.configMapRef() != null ? from.configMapRef() : from.secretRef();
            if (Boolean.TRUE.equals(ref.optional())) {
                return Map.of();
            }
            throw e;
        }
    }

    private String valueFrom(Pod pod, EnvVar e, String podIp, String hostIp) {
        var from = e.valueFrom();
        if (from.fieldRef() != null) {
            return field(pod, from.fieldRef().fieldPath(), podIp, hostIp);
        }
        boolean configMap = from.configMapKeyRef() != null;
        KeySelector key = configMap ? from.configMapKeyRef() : from.secretKeyRef();
        String ns = pod.metadata().namespace();
        try {
            String value = configMap ? keyOf(objects.configMap(ns, key.name()), key) : keyOf(objects.secret(ns, key.name()), key);
            if (value == null && !Boolean.TRUE.equals(key.optional())) {
                throw ApiException.of(Reason.NOT_FOUND, (configMap ? "configmap \"" : "secret \"") + key.name()
                        + "\" has no key \"" + key.key() + "\"");
            }
            return value;
        } catch (ApiException ex) {
            if (Boolean.TRUE.equals(key.optional())) {
                return null;
            }
            throw ex;
        }
    }

    private static String keyOf(ConfigMap cm, KeySelector key) {
        return cm.data().get(key.key());
    }

    private static String keyOf(Secret s, KeySelector key) {
        String v = s.data().get(key.key());
        return v == null ? null : decode(v);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** The downward API's fields. */
    static String field(Pod pod, String path, String podIp, String hostIp) {
        var m = pod.metadata();
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            return m.labels().getOrDefault(path.substring(17, path.length() - 2), "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            return m.annotations().getOrDefault(path.substring(22, path.length() - 2), "");
        }
        return switch (path) {
            case "metadata.name" -> m.name();
            case "metadata.namespace" -> m.namespace();
            case "metadata.uid" -> m.uid();
            case "spec.nodeName" -> pod.spec().nodeName();
            case "spec.serviceAccountName" -> pod.spec().serviceAccountName();
            case "status.podIP" -> podIp == null ? "" : podIp;
            case "status.hostIP" -> hostIp;
            default -> throw ApiException.badRequest("unsupported fieldRef.fieldPath \"" + path + "\"");
        };
    }

    static List<String> expand(List<String> values, Map<String, String> env) {
        return values.stream().map(v -> expand(v, env)).toList();
    }

    /** Kubernetes' {@code $(VAR)} expansion: known names are replaced, unknown ones left as written. */
    static String expand(String value, Map<String, String> env) {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "\\$" : Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group()));
            m.appendReplacement(out, replacement);
        }
        return m.appendTail(out).toString();
    }
}
