package dev.jk8s.api.core;

/** Which component (and on which host) reported an event. */
public record EventSource(String component, String host) {
}
