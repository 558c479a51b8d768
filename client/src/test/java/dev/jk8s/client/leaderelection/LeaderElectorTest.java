package dev.jk8s.client.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The elector's loop against an in-memory lease, with short timings. */
@Timeout(30)
class LeaderElectorTest {

    private final FakeLeaseStore store = new FakeLeaseStore();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<LeaderElector> electors = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        electors.forEach(LeaderElector::stop);
    }

    private LeaderElector candidate(String identity) {
        LeaderElectionConfig config = LeaderElectionConfig.of("kube-system", "jk8s-scheduler", identity)
                .withTiming(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(50));
        LeaderElector elector = new LeaderElector(store, config, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                events.add(identity + " started");
            }

            @Override
            public void onStoppedLeading() {
                events.add(identity + " stopped");
            }
        }, Clock.systemUTC());
        electors.add(elector);
        return elector;
    }

    @Test
    void exactlyOneCandidateLeadsAndAStoppedLeaderHandsOverAtOnce() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.start();
        await().until(a::isLeader);
        b.start();
        await().until(() -> "a".equals(b.leader()));
        assertThat(b.isLeader()).isFalse();

        a.stop();

        assertThat(store.current().spec().holderIdentity()).as("released on stop").isNotEqualTo("a");
        await().until(b::isLeader);
        assertThat(store.current().spec().holderIdentity()).isEqualTo("b");
        assertThat(store.current().spec().leaseTransitions()).isEqualTo(1);
        assertThat(events).containsExactly("a started", "a stopped", "b started");
    }

    @Test
    void aLeaderStepsDownWhenAnotherHolderAppears() {
        LeaderElector a = candidate("a");
        a.start();
        await().until(a::isLeader);

        Lease held = store.current();
        store.overwrite(held.withSpec(new LeaseSpec("intruder", 60, Instant.now(), Instant.now(), 1)));

        await().until(() -> !a.isLeader());
        assertThat(a.leader()).isEqualTo("intruder");
        assertThat(events).containsExactly("a started", "a stopped");
    }

    @Test
    void aLeaderStepsDownWhenItCannotRenewWithinTheDeadlineAndLeadsAgainLater() {
        LeaderElector a = candidate("a");
        a.start();
        await().until(a::isLeader);

        store.setUnavailable(true);
        await().until(() -> !a.isLeader());
        assertThat(events).containsExactly("a started", "a stopped");

        store.setUnavailable(false);
        await().until(a::isLeader);
        assertThat(events).containsExactly("a started", "a stopped", "a started");
    }

    @Test
    void aCandidateWaitsForAnUnexpiredLeaseOfAnotherHolder() {
        store.overwrite(new Lease(ObjectMeta.named("kube-system", "jk8s-scheduler"),
                new LeaseSpec("other", 1, Instant.now(), Instant.now(), 0)));
        LeaderElector a = candidate("a");
        a.start();

        await().until(() -> "other".equals(a.leader()));
        assertThat(a.isLeader()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(a::isLeader);
        assertThat(store.current().spec().leaseTransitions()).isEqualTo(1);
    }

    @Test
    void timingMustLetTheLeaderStepDownBeforeTheLeaseExpires() {
        assertThatThrownBy(() -> LeaderElectionConfig.of("kube-system", "x", "me")
                .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .hasMessage("leader election needs leaseDuration > renewDeadline > retryPeriod > 0, got PT10S, PT10S, PT2S");
        assertThatThrownBy(() -> LeaderElectionConfig.of("kube-system", "x", " "))
                .hasMessageContaining("needs a non-empty identity");
    }
}
