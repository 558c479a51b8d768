package dev.jk8s.api.core;

/** An address of a node; {@code type} is InternalIP, ExternalIP or Hostname. */
public record NodeAddress(String type, String address) {
}
