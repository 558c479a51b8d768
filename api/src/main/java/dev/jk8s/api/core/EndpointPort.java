package dev.jk8s.api.core;

/** A port the addresses of a subset serve; {@code name} matches the Service port's name. */
public record EndpointPort(String name, Integer port, String protocol, String appProtocol) {

    public EndpointPort withProtocol(String protocol) {
        return new EndpointPort(name, port, protocol, appProtocol);
    }
}
