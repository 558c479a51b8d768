package dev.jk8s.client.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import dev.jk8s.client.leaderelection.LeaderElector.Action;
import dev.jk8s.client.leaderelection.LeaderElector.Decision;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class LeaderElectorDecideTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(600);

    private static Lease lease(String holder, Integer durationSeconds, Instant renewed, Integer transitions) {
        return new Lease(ObjectMeta.named("kube-system", "jk8s-scheduler").withResourceVersion("7"),
                new LeaseSpec(holder, durationSeconds, EARLIER, renewed, transitions));
    }

    /** name, current lease, expected action, holder written, acquireTime written, transitions written. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("absent: create it", null, Action.CREATE, "me", NOW, 0),
                Arguments.of("mine: renew, keeping acquireTime and transitions",
                        lease("me", 15, NOW.minusSeconds(2), 3), Action.RENEW, "me", EARLIER, 3),
                Arguments.of("mine though expired: still renew",
                        lease("me", 15, NOW.minusSeconds(60), 3), Action.RENEW, "me", EARLIER, 3),
                Arguments.of("another's, renewed recently: wait",
                        lease("other", 15, NOW.minusSeconds(2), 3), Action.WAIT, "other", EARLIER, 3),
                Arguments.of("another's, exactly at expiry: wait",
                        lease("other", 15, NOW.minusSeconds(15), 3), Action.WAIT, "other", EARLIER, 3),
                Arguments.of("another's, expired: take over, counting a transition",
                        lease("other", 15, NOW.minusSeconds(16), 3), Action.ACQUIRE, "me", NOW, 4),
                Arguments.of("released (no holder): take over at once",
                        lease(null, 1, NOW, 3), Action.ACQUIRE, "me", NOW, 4),
                Arguments.of("released (empty holder): take over at once",
                        lease("", 1, NOW, 3), Action.ACQUIRE, "me", NOW, 4),
                Arguments.of("another's, never renewed: take over",
                        lease("other", 15, null, null), Action.ACQUIRE, "me", NOW, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(String name, Lease current, Action action, String holder, Instant acquired, int transitions) {
        Decision d = LeaderElector.decide(current, "me", NOW, 15);

        assertThat(d.action()).isEqualTo(action);
        assertThat(d.spec().holderIdentity()).isEqualTo(holder);
        assertThat(d.spec().acquireTime()).isEqualTo(acquired);
        assertThat(d.spec().leaseTransitions()).isEqualTo(transitions);
        if (action != Action.WAIT) {
            assertThat(d.spec().renewTime()).isEqualTo(NOW);
            assertThat(d.spec().leaseDurationSeconds()).isEqualTo(15);
        } else {
            assertThat(d.spec()).isSameAs(current.spec());
        }
    }

    @Test
    void releasingClearsTheHolderAndKeepsTheTransitionCount() {
        LeaseSpec released = LeaderElector.released(lease("me", 15, EARLIER, 4).spec(), NOW);

        assertThat(released.holderIdentity()).isNull();
        assertThat(released.leaseTransitions()).isEqualTo(4);
        assertThat(released.isExpired(NOW)).isTrue();
        assertThat(LeaderElector.decide(new Lease(ObjectMeta.named("kube-system", "x"), released), "next", NOW, 15)
                .action()).isEqualTo(Action.ACQUIRE);
    }
}
