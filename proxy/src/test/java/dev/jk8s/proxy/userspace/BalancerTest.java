package dev.jk8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BalancerTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    final AtomicLong now = new AtomicLong();
    final Balancer balancer = new Balancer("default/web:http", now::get);

    @Test
    void roundRobinTakesEachEndpointInTurn() {
        balancer.update(false, List.of("a:1", "b:1", "c:1"));

        assertThat(List.of(pick(), pick(), pick(), pick())).containsExactly("a:1", "b:1", "c:1", "a:1");
    }

    @Test
    void aRetrySkipsTriedEndpointsUntilNoneIsLeft() {
        balancer.update(false, List.of("a:1", "b:1", "c:1"));

        assertThat(balancer.pick(CLIENT, Set.of("a:1"))).isEqualTo("b:1");
        assertThat(balancer.pick(CLIENT, Set.of("c:1"))).isEqualTo("a:1");
        assertThat(balancer.pick(CLIENT, Set.of("a:1", "b:1", "c:1"))).isNull();
    }

    @Test
    void affinityKeepsAClientOnItsEndpointUntilThreeHoursPass() {
        balancer.update(true, List.of("a:1", "b:1"));
        assertThat(pick()).isEqualTo("a:1");
        now.addAndGet(Balancer.AFFINITY_TIMEOUT.toNanos()); // each pick renews it

        assertThat(pick()).isEqualTo("a:1");
        now.addAndGet(Balancer.AFFINITY_TIMEOUT.toNanos() + 1);

        assertThat(pick()).isEqualTo("b:1");
    }

    @Test
    void aClientWhoseEndpointIsGoneChoosesAgainAndSticksThere() {
        balancer.update(true, List.of("a:1", "b:1"));
        assertThat(pick()).isEqualTo("a:1");

        balancer.update(true, List.of("b:1", "c:1"));

        assertThat(List.of(pick(), pick())).containsExactly("c:1", "c:1"); // round-robin went on from where it was
    }

    @Test
    void aFailedStickyEndpointMovesTheClient() {
        balancer.update(true, List.of("a:1", "b:1"));
        assertThat(pick()).isEqualTo("a:1");

        assertThat(balancer.pick(CLIENT, Set.of("a:1"))).isEqualTo("b:1");
        assertThat(pick()).isEqualTo("b:1");
    }

    private String pick() {
        return balancer.pick(CLIENT, Set.of());
    }
}
