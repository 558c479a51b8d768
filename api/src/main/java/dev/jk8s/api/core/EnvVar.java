package dev.jk8s.api.core;

/** An environment variable of a container: a literal {@code value}, or {@code valueFrom} a source. */
public record EnvVar(String name, String value, EnvVarSource valueFrom) {

    public static EnvVar of(String name, String value) {
        return new EnvVar(name, value, null);
    }

    public EnvVar withValueFrom(EnvVarSource valueFrom) {
        return new EnvVar(name, value, valueFrom);
    }
}
