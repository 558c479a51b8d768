package dev.jk8s.api.core;

/** Mounts the pod volume {@code name} at {@code mountPath} in a container, or only its {@code subPath}. */
public record VolumeMount(String name, Boolean readOnly, String mountPath, String subPath) {

    public static VolumeMount of(String name, String mountPath) {
        return new VolumeMount(name, null, mountPath, null);
    }
}
