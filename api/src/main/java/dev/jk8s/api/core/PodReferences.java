package dev.jk8s.api.core;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The objects of its namespace a pod refers to by name, as Kubernetes' {@code VisitPodSecretNames}
 * and {@code VisitPodConfigmapNames} find them: in volumes, and in {@code env[].valueFrom} and
 * {@code envFrom} of every container and init container. The node authorizer lets a node read
 * exactly these for the pods bound to it. Pure.
 */
public final class PodReferences {

    private PodReferences() {
    }

    public static Set<String> secrets(Pod pod) {
        PodSpec spec = pod.spec();
        Stream<String> volumes = spec.volumes().stream().map(Volume::secret).filter(Objects::nonNull)
                .map(SecretVolumeSource::secretName);
        Stream<String> env = containers(spec).flatMap(c -> c.env().stream()).map(EnvVar::valueFrom).filter(Objects::nonNull)
                .map(EnvVarSource::secretKeyRef).filter(Objects::nonNull).map(KeySelector::name);
        Stream<String> envFrom = containers(spec).flatMap(c -> c.envFrom().stream()).map(EnvFromSource::secretRef)
                .filter(Objects::nonNull).map(EnvFromReference::name);
        return names(Stream.of(volumes, env, envFrom).flatMap(s -> s));
    }

    public static Set<String> configMaps(Pod pod) {
        PodSpec spec = pod.spec();
        Stream<String> volumes = spec.volumes().stream().map(Volume::configMap).filter(Objects::nonNull)
                .map(ConfigMapVolumeSource::name);
        Stream<String> env = containers(spec).flatMap(c -> c.env().stream()).map(EnvVar::valueFrom).filter(Objects::nonNull)
                .map(EnvVarSource::configMapKeyRef).filter(Objects::nonNull).map(KeySelector::name);
        Stream<String> envFrom = containers(spec).flatMap(c -> c.envFrom().stream()).map(EnvFromSource::configMapRef)
                .filter(Objects::nonNull).map(EnvFromReference::name);
        return names(Stream.of(volumes, env, envFrom).flatMap(s -> s));
    }

    /** {@code spec.serviceAccountName}, {@code default} when unset (as Kubernetes' admission sets it). */
    public static String serviceAccount(Pod pod) {
        String name = pod.spec().serviceAccountName();
        return name == null || name.isEmpty() ? "default" : name;
    }

    private static Stream<Container> containers(PodSpec spec) {
        return Stream.concat(spec.initContainers().stream(), spec.containers().stream());
    }

    private static Set<String> names(Stream<String> names) {
        return names.filter(n -> n != null && !n.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
