package dev.jk8s.kubelet.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class NodeLeasesTest {

    private static final Instant EARLIER = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant NOW = EARLIER.plusSeconds(30).plusNanos(123_456_789);
    private static final Instant NOW_MICROS = EARLIER.plusSeconds(30).plusNanos(123_456_000);

    private static Lease stored(String holder, Instant renewed) {
        return new Lease(ObjectMeta.named("kube-node-lease", "n1").withResourceVersion("9"),
                new LeaseSpec(holder, 40, EARLIER, renewed, 0));
    }

    /** name, lease as read (null: absent), resourceVersion written, acquireTime written, transitions written. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("absent: created, held by the node", null, null, NOW_MICROS, 0),
                Arguments.of("the node's: renewed in place (compare-and-swap on its version)",
                        stored("n1", EARLIER.plusSeconds(20)), "9", EARLIER, 0),
                Arguments.of("the node's, expired (kubelet was down): renewed", stored("n1", EARLIER), "9", EARLIER, 0),
                Arguments.of("someone else's, fresh: the node's lease is the node's", stored("intruder", NOW), "9",
                        NOW_MICROS, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renewed(String name, Lease current, String version, Instant acquired, int transitions) {
        Lease next = NodeLeases.renewed(current, "n1", null, NOW, 40);

        assertThat(next.metadata().namespace()).isEqualTo("kube-node-lease");
        assertThat(next.metadata().name()).isEqualTo("n1");
        assertThat(next.metadata().resourceVersion()).isEqualTo(version);
        assertThat(next.spec().holderIdentity()).isEqualTo("n1");
        assertThat(next.spec().leaseDurationSeconds()).isEqualTo(40);
        assertThat(next.spec().renewTime()).isEqualTo(NOW_MICROS);
        assertThat(next.spec().acquireTime()).isEqualTo(acquired);
        assertThat(next.spec().leaseTransitions()).isEqualTo(transitions);
    }

    @Test
    void ownedByTheNodeOnceItsUidIsKnown() {
        Lease next = NodeLeases.renewed(stored("n1", EARLIER), "n1", "uid-2", NOW, 40);

        assertThat(next.metadata().ownerReferences())
                .containsExactly(new OwnerReference("v1", "Node", "n1", "uid-2", null, null));
    }
}
