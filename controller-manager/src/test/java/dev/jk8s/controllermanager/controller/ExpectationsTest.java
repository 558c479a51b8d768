package dev.jk8s.controllermanager.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));

    @Test
    void creationsMustAllBeObserved() {
        assertThat(expectations.satisfied("default/web")).isTrue();
        expectations.expectCreations("default/web", 2);
        expectations.creationObserved("default/web");
        assertThat(expectations.satisfied("default/web")).isFalse();
        expectations.creationObserved("default/web");
        assertThat(expectations.satisfied("default/web")).isTrue();
    }

    @Test
    void deletionsAreObservedByKeyAndOnlyOnce() {
        expectations.expectDeletions("default/web", Set.of("default/a", "default/b"));
        expectations.deletionObserved("default/web", "default/a");
        expectations.deletionObserved("default/web", "default/a");
        expectations.deletionObserved("default/web", "default/c");
        assertThat(expectations.satisfied("default/web")).isFalse();
        expectations.deletionObserved("default/web", "default/b");
        assertThat(expectations.satisfied("default/web")).isTrue();
    }

    @Test
    void expectationsNeverObservedExpire() {
        expectations.expectCreations("default/web", 1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(expectations.satisfied("default/web")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(expectations.satisfied("default/web")).isTrue();
    }
}
