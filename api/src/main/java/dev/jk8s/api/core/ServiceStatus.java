package dev.jk8s.api.core;

/** A Service's observed state: the load balancer's addresses, if any. {@code loadBalancer} is never null. */
public record ServiceStatus(LoadBalancerStatus loadBalancer) {

    public static final ServiceStatus EMPTY = new ServiceStatus(null);

    public ServiceStatus {
        loadBalancer = loadBalancer == null ? LoadBalancerStatus.EMPTY : loadBalancer;
    }
}
