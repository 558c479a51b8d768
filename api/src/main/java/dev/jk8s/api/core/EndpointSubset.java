package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * Addresses that all serve the same ports: ready ones receive traffic, not-ready ones wait for
 * their readiness probe. Lists are never null.
 */
public record EndpointSubset(List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses,
                             List<EndpointPort> ports) {

    public EndpointSubset {
        addresses = Values.list(addresses);
        notReadyAddresses = Values.list(notReadyAddresses);
        ports = Values.list(ports);
    }
}
