package dev.jk8s.api.core;

import static dev.jk8s.api.Values.or;

import dev.jk8s.api.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Kubernetes' defaults for a pod spec, for Pods and for the templates of ReplicaSets and
 * Deployments. Pure and idempotent: a field that is set is never changed, so defaulting a
 * defaulted spec returns an equal one. Status is not defaulted; the server and kubelet set it.
 */
public final class PodSpecDefaults {

    /** The mode of files projected from ConfigMaps and Secrets (0644). */
    public static final int DEFAULT_FILE_MODE = 0644;

    private PodSpecDefaults() {
    }

    public static PodSpec apply(PodSpec spec) {
        boolean hostNetwork = spec.isHostNetwork();
        return spec.toBuilder()
                .volumes(each(spec.volumes(), PodSpecDefaults::volume))
                .initContainers(each(spec.initContainers(), c -> container(c, hostNetwork)))
                .containers(each(spec.containers(), c -> container(c, hostNetwork)))
                .restartPolicy(or(spec.restartPolicy(), "Always"))
                .terminationGracePeriodSeconds(or(spec.terminationGracePeriodSeconds(), 30L))
                .dnsPolicy(or(spec.dnsPolicy(), "ClusterFirst"))
                .serviceAccountName(or(spec.serviceAccountName(), "default"))
                .schedulerName(or(spec.schedulerName(), "default-scheduler"))
                .build();
    }

    public static PodTemplateSpec apply(PodTemplateSpec template) {
        return template.withSpec(apply(template.spec()));
    }

    /**
     * Always for {@code :latest} or an untagged image, since the name may point at new content;
     * IfNotPresent for any other tag or a digest.
     */
    public static String pullPolicy(String image) {
        if (image == null || image.contains("@")) {
            return "IfNotPresent";
        }
        int colon = image.lastIndexOf(':');
        // a colon before the last slash belongs to a registry port (localhost:5000/web), not a tag
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
        return tag.isEmpty() || tag.equals("latest") ? "Always" : "IfNotPresent";
    }

    static Container container(Container c, boolean hostNetwork) {
        return c.toBuilder()
                .ports(each(c.ports(), p -> port(p, hostNetwork)))
                .env(each(c.env(), PodSpecDefaults::env))
                .resources(resources(c.resources()))
                .livenessProbe(probe(c.livenessProbe()))
                .readinessProbe(probe(c.readinessProbe()))
                .startupProbe(probe(c.startupProbe()))
                .lifecycle(lifecycle(c.lifecycle()))
                .terminationMessagePath(or(c.terminationMessagePath(), "/dev/termination-log"))
                .terminationMessagePolicy(or(c.terminationMessagePolicy(), "File"))
                .imagePullPolicy(or(c.imagePullPolicy(), pullPolicy(c.image())))
                .build();
    }

    /** With host networking the container port is the host port, so Kubernetes records it as such. */
    private static ContainerPort port(ContainerPort p, boolean hostNetwork) {
        ContainerPort withProtocol = p.withProtocol(or(p.protocol(), "TCP"));
        return hostNetwork && p.hostPort() == null ? withProtocol.withHostPort(p.containerPort()) : withProtocol;
    }

    private static EnvVar env(EnvVar e) {
        EnvVarSource from = e.valueFrom();
        if (from == null || from.fieldRef() == null) {
            return e;
        }
        ObjectFieldSelector ref = from.fieldRef();
        return e.withValueFrom(from.withFieldRef(new ObjectFieldSelector(or(ref.apiVersion(), "v1"), ref.fieldPath())));
    }

    /** A limit without a request reserves what it limits, so the scheduler never under-counts. */
    private static ResourceRequirements resources(ResourceRequirements r) {
        Map<String, Quantity> requests = new LinkedHashMap<>(r.requests());
        r.limits().forEach(requests::putIfAbsent);
        return new ResourceRequirements(r.limits(), requests);
    }

    private static Probe probe(Probe p) {
        if (p == null) {
            return null;
        }
        Probe timed = p.withTiming(p.initialDelaySeconds(), or(p.timeoutSeconds(), 1), or(p.periodSeconds(), 10),
                or(p.successThreshold(), 1), or(p.failureThreshold(), 3));
        return p.httpGet() == null ? timed : timed.withHttpGet(httpGet(p.httpGet()));
    }

    private static Lifecycle lifecycle(Lifecycle l) {
        return l == null ? null : l.withPostStart(hook(l.postStart())).withPreStop(hook(l.preStop()));
    }

    private static LifecycleHandler hook(LifecycleHandler h) {
        return h == null || h.httpGet() == null ? h : h.withHttpGet(httpGet(h.httpGet()));
    }

    /** Kubernetes defaults every HTTPGetAction, a probe's or a hook's, alike. */
    private static HttpGetAction httpGet(HttpGetAction get) {
        return get.withDefaults(or(get.path(), "/"), or(get.scheme(), "HTTP"));
    }

    private static Volume volume(Volume v) {
        ConfigMapVolumeSource configMap = v.configMap();
        SecretVolumeSource secret = v.secret();
        Volume result = configMap == null ? v
                : v.withConfigMap(configMap.withDefaultMode(or(configMap.defaultMode(), DEFAULT_FILE_MODE)));
        return secret == null ? result
                : result.withSecret(secret.withDefaultMode(or(secret.defaultMode(), DEFAULT_FILE_MODE)));
    }

    private static <T> List<T> each(List<T> list, UnaryOperator<T> f) {
        return list.stream().map(f).toList();
    }
}
