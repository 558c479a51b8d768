package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/** The addresses a load balancer serves a Service on. Never null. */
public record LoadBalancerStatus(List<LoadBalancerIngress> ingress) {

    public static final LoadBalancerStatus EMPTY = new LoadBalancerStatus(null);

    public LoadBalancerStatus {
        ingress = Values.list(ingress);
    }
}
