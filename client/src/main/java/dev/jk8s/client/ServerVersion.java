package dev.jk8s.client;

/** What the apiserver reports about its build. Immutable. */
public record ServerVersion(String version, String javaVersion, String platform) {
}
