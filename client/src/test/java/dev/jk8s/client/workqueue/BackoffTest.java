package dev.jk8s.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BackoffTest {

    @Test
    void defaultDoublesFromFiveMillisecondsUpToItsCap() {
        Backoff b = Backoff.DEFAULT;

        assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(5));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(b.delay(10)).isEqualTo(Duration.ofMillis(5120));
        assertThat(b.delay(17)).isEqualTo(Duration.ofMillis(655_360));
        assertThat(b.delay(18)).isEqualTo(Duration.ofSeconds(1000));
    }

    @Test
    void manyFailuresStayAtTheCapWithoutOverflow() {
        Backoff b = new Backoff(Duration.ofDays(1), Duration.ofDays(2));

        assertThat(b.delay(61)).isEqualTo(Duration.ofDays(2));
        assertThat(b.delay(62)).isEqualTo(Duration.ofDays(2));
        assertThat(b.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void refusesAMaximumBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backoff needs 0 < base <= max, got base PT2S, max PT1S");
    }
}
