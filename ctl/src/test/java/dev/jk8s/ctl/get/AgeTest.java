package dev.jk8s.ctl.get;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeTest {

    @ParameterizedTest(name = "{0}s is {1}")
    @CsvSource({
            "-5, <invalid>",
            "-1, 0s",
            "0, 0s",
            "5, 5s",
            "119, 119s",
            "120, 2m",
            "200, 3m20s",
            "599, 9m59s",
            "600, 10m",
            "10799, 179m",
            "10800, 3h",
            "18240, 5h4m",
            "28800, 8h",
            "172799, 47h",
            "172800, 2d",
            "266400, 3d2h",
            "691200, 8d",
            "63071999, 729d",
            "63072000, 2y",
            "65664000, 2y30d",
            "252288000, 8y"})
    void formatsLikeKubectl(long seconds, String expected) {
        assertThat(Age.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void sinceCreation() {
        Instant created = Instant.parse("2024-01-01T00:00:00Z");

        assertThat(Age.since(created, created.plusSeconds(4 * 86400))).isEqualTo("4d");
        assertThat(Age.since(null, created)).isEqualTo("<unknown>");
    }
}
