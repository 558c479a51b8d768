package dev.jk8s.apiserver.registry.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.FieldError;
import dev.jk8s.api.core.Service;
import dev.jk8s.apiserver.storage.InMemoryStore;
import dev.jk8s.testkit.TestObjects;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAllocationsTest {

    final InMemoryStore store = new InMemoryStore();
    /** 10.96.0.0/29: 6 usable addresses, .1 to .6; node ports 30000-30002. */
    final ServiceAllocations pools = new ServiceAllocations(store, "10.96.0.0/29", "30000-30002");

    static Service service(String name, String spec) {
        return (Service) TestObjects.parse("apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default}\n"
                + "spec: " + spec + "\n");
    }

    static String only(ApiException e) {
        List<FieldError> causes = e.causes();
        assertThat(causes).hasSize(1);
        return causes.get(0).field() + ": " + causes.get(0).message();
    }

    @Test
    void everyServiceGetsItsOwnAddressFromTheRangeUntilItIsFull() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Service s = pools.allocate(service("s" + i, "{ports: [{port: 80}]}"));
            assertThat(s.spec().clusterIP()).matches("10\\.96\\.0\\.[1-6]");
            assertThat(s.spec().clusterIPs()).containsExactly(s.spec().clusterIP());
            assertThat(seen.add(s.spec().clusterIP())).isTrue();
        }
        assertThatThrownBy(() -> pools.allocate(service("s7", "{ports: [{port: 80}]}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(only(e)).isEqualTo(
                        "spec.clusterIPs[0]: Invalid value: \"\": failed to allocate a service IP: the range 10.96.0.0/29 is full"));
    }

    @Test
    void aRequestedAddressThatIsTakenOrOutOfRangeIsRefusedByName() {
        pools.allocate(service("a", "{clusterIP: 10.96.0.5, ports: [{port: 80}]}"));

        assertThatThrownBy(() -> pools.allocate(service("b", "{clusterIP: 10.96.0.5, ports: [{port: 80}]}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).startsWith("services \"b\" is invalid: ");
                    assertThat(only(e)).isEqualTo("spec.clusterIPs[0]: Invalid value: \"10.96.0.5\": failed to allocate IP "
                            + "10.96.0.5: provided IP is already allocated");
                });
        assertThatThrownBy(() -> pools.allocate(service("c", "{clusterIP: 10.97.0.5, ports: [{port: 80}]}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(only(e)).isEqualTo(
                        "spec.clusterIPs[0]: Invalid value: \"10.97.0.5\": failed to allocate IP 10.97.0.5: provided IP is not in "
                                + "the valid range. The range of valid IPs is 10.96.0.0/29"));
    }

    @Test
    void aReleasedAddressAndItsNodePortsAreFreeAgain() {
        Service a = pools.allocate(service("a", "{type: NodePort, clusterIP: 10.96.0.1, ports: [{port: 80, nodePort: 30001}]}"));
        pools.release(a);

        Service b = pools.allocate(service("b", "{type: NodePort, clusterIP: 10.96.0.1, ports: [{port: 80, nodePort: 30001}]}"));
        assertThat(b.spec().ports().get(0).nodePort()).isEqualTo(30001);
        assertThat(pools.usedIps()).isEqualTo(1);
    }

    @Test
    void nodePortsComeFromTheirRangeAndAFailedServiceTakesNothing() {
        Service a = pools.allocate(service("a", "{type: NodePort, ports: [{name: http, port: 80}, {name: https, port: 443}]}"));
        assertThat(a.spec().ports()).extracting(p -> p.nodePort()).allMatch(p -> p >= 30000 && p <= 30002).doesNotHaveDuplicates();

        int taken = a.spec().ports().get(0).nodePort();
        assertThatThrownBy(() -> pools.allocate(service("b", "{type: NodePort, ports: [{port: 81}, {port: 82, nodePort: " + taken
                + "}]}"))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(only(e))
                .isEqualTo("spec.ports[1].nodePort: Invalid value: " + taken + ": provided port is already allocated"));
        assertThat(pools.usedNodePorts()).as("b's first port was given back").isEqualTo(2);
        assertThat(pools.usedIps()).as("and so was b's address").isEqualTo(1);

        assertThatThrownBy(() -> pools.allocate(service("c", "{type: NodePort, ports: [{port: 80, nodePort: 8080}]}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(only(e)).isEqualTo("spec.ports[0].nodePort: "
                        + "Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-30002"));
    }

    @Test
    void headlessAndExternalNameServicesTakeNoAddress() {
        assertThat(pools.allocate(service("h", "{clusterIP: None, ports: [{port: 80}]}")).spec().clusterIP()).isEqualTo("None");
        assertThat(pools.usedIps()).isZero();
    }

    @Test
    void anUpdateKeepsItsNodePortsAndGivesBackWhatItDrops() {
        Service a = pools.allocate(service("a", "{type: NodePort, ports: [{port: 80}]}"));
        int kept = a.spec().ports().get(0).nodePort();

        Service same = pools.reallocate(service("a", "{type: NodePort, clusterIP: " + a.spec().clusterIP() + ", ports: [{port: 80}]}"), a);
        assertThat(same.spec().ports().get(0).nodePort()).isEqualTo(kept);
        assertThat(pools.usedNodePorts()).isEqualTo(1);

        Service clusterIpOnly = pools.reallocate(service("a", "{type: ClusterIP, clusterIP: " + a.spec().clusterIP()
                + ", ports: [{port: 80}]}"), same);
        assertThat(clusterIpOnly.spec().ports().get(0).nodePort()).isNull();
        assertThat(pools.usedNodePorts()).isZero();
    }

    @Test
    void repairRebuildsThePoolsFromTheServicesThatExist() {
        Service kept = pools.allocate(service("kept", "{clusterIP: 10.96.0.3, ports: [{port: 80}]}"));
        pools.allocate(service("lost", "{type: NodePort, ports: [{port: 80}]}")); // a crash lost this one's object

        new ServiceAllocations(store, "10.96.0.0/29", "30000-30002").repair(List.of(kept));

        assertThat(pools.usedIps()).isEqualTo(1);
        assertThat(pools.usedNodePorts()).isZero();
    }
}
