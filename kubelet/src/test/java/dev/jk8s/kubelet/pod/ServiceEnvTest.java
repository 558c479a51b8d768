package dev.jk8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.Service;
import dev.jk8s.testkit.TestObjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvTest {

    static Service service(String name, String spec) {
        return (Service) TestObjects.parse("apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default}\n"
                + "spec: " + spec + "\n");
    }

    @Test
    void aServiceGivesKubernetesVariables() {
        Map<String, String> env = ServiceEnv.of(List.of(service("redis-primary",
                "{clusterIP: 10.96.0.11, ports: [{name: redis, port: 6379}, {name: metrics, port: 9121, protocol: TCP}]}")));

        assertThat(env).containsExactly(
                Map.entry("REDIS_PRIMARY_SERVICE_HOST", "10.96.0.11"),
                Map.entry("REDIS_PRIMARY_SERVICE_PORT", "6379"),
                Map.entry("REDIS_PRIMARY_SERVICE_PORT_REDIS", "6379"),
                Map.entry("REDIS_PRIMARY_SERVICE_PORT_METRICS", "9121"),
                Map.entry("REDIS_PRIMARY_PORT", "tcp://10.96.0.11:6379"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP", "tcp://10.96.0.11:6379"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP_PROTO", "tcp"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP_PORT", "6379"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP_ADDR", "10.96.0.11"),
                Map.entry("REDIS_PRIMARY_PORT_9121_TCP", "tcp://10.96.0.11:9121"),
                Map.entry("REDIS_PRIMARY_PORT_9121_TCP_PROTO", "tcp"),
                Map.entry("REDIS_PRIMARY_PORT_9121_TCP_PORT", "9121"),
                Map.entry("REDIS_PRIMARY_PORT_9121_TCP_ADDR", "10.96.0.11"));
    }

    @Test
    void headlessServicesAndServicesWithoutAnAddressGiveNothing() {
        assertThat(ServiceEnv.of(List.of(service("h", "{clusterIP: None, ports: [{port: 80}]}"),
                service("pending", "{ports: [{port: 80}]}")))).isEmpty();
    }

    @Test
    void servicesComeInNameOrder() {
        assertThat(ServiceEnv.of(List.of(service("b", "{clusterIP: 10.96.0.2, ports: [{port: 80}]}"),
                service("a", "{clusterIP: 10.96.0.1, ports: [{port: 80}]}"))).keySet().iterator().next())
                .isEqualTo("A_SERVICE_HOST");
    }
}
