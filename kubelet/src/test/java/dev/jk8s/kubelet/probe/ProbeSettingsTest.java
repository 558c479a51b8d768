package dev.jk8s.kubelet.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.ExecAction;
import dev.jk8s.api.core.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeSettingsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of("nothing set: Kubernetes' defaults", timed(null, null, null, null, null),
                        new ProbeSettings(Duration.ZERO, Duration.ofSeconds(10), SECOND, 1, 3)),
                Arguments.of("zeros: defaults too", timed(0, 0, 0, 0, 0),
                        new ProbeSettings(Duration.ZERO, Duration.ofSeconds(10), SECOND, 1, 3)),
                Arguments.of("all set", timed(5, 2, 3, 2, 4),
                        new ProbeSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(2), 2, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void fillsKubernetesDefaults(String name, Probe probe, ProbeSettings expected) {
        assertThat(ProbeSettings.of(probe, SECOND)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void aShorterTickScalesDelayAndPeriodButNotTheTimeout(String name, Probe probe, ProbeSettings atOneSecond) {
        ProbeSettings scaled = ProbeSettings.of(probe, Duration.ofMillis(10));

        assertThat(scaled.period()).isEqualTo(atOneSecond.period().dividedBy(100));
        assertThat(scaled.initialDelay()).isEqualTo(atOneSecond.initialDelay().dividedBy(100));
        assertThat(scaled.timeout()).isEqualTo(atOneSecond.timeout());
    }

    static Stream<Arguments> firstRuns() {
        return Stream.of(
                Arguments.of("no delay, just started: at once", 0, 0, 0),
                Arguments.of("delay still running: when it ends", 15, 4, 11),
                Arguments.of("delay exactly over: at once", 15, 15, 0),
                Arguments.of("delay long over (kubelet restarted): at once", 15, 600, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstRuns")
    void firstRunWaitsForTheInitialDelayFromTheContainersStart(String name, int initialDelay, int secondsSinceStart,
                                                               int expectedDelay) {
        ProbeSettings s = ProbeSettings.of(timed(initialDelay, null, 10, null, null), SECOND);

        assertThat(s.firstDelay(STARTED, STARTED.plusSeconds(secondsSinceStart)))
                .isEqualTo(Duration.ofSeconds(expectedDelay));
    }

    static Stream<Arguments> nextRuns() {
        return Stream.of(
                Arguments.of("a quick run: a period after it began", 50, 9_950),
                Arguments.of("a run that took its whole timeout", 1_000, 9_000),
                Arguments.of("a run longer than the period: at once", 12_000, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nextRuns")
    void runsArePeriodApartFromStartToStart(String name, long runMillis, long expectedMillis) {
        ProbeSettings s = ProbeSettings.of(timed(null, null, 10, null, null), SECOND);

        assertThat(s.nextDelay(STARTED, STARTED.plusMillis(runMillis))).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    private static Probe timed(Integer initialDelay, Integer timeout, Integer period, Integer success, Integer failure) {
        return new Probe(new ExecAction(List.of("true")), null, null, null, null, null, null, null, null)
                .withTiming(initialDelay, timeout, period, success, failure);
    }
}
