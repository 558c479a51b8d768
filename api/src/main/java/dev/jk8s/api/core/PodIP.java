package dev.jk8s.api.core;

/** One IP address of a pod ({@code status.podIPs[]}). */
public record PodIP(String ip) {
}
