package dev.jk8s.api.core;

/** One load balancer address: an IP or a host name. */
public record LoadBalancerIngress(String ip, String hostname) {
}
