package dev.jk8s.api.core;

/** Waits {@code seconds} (Kubernetes 1.29's sleep hook): nothing runs in the container. */
public record SleepAction(Long seconds) {
}
