package dev.jk8s.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A port a node daemon listens on, on the node's address. Kubernetes spells the field {@code Port}. */
public record DaemonEndpoint(@JsonProperty("Port") Integer port) {
}
