package dev.jk8s.kubelet.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.kubelet.probe.ProbeResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeStateTest {

    /** Runs: S success, F failure, U unknown. Results after each run: S, F, ? (unknown). Changes: * where it changed. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("readiness starts not ready and turns on one success", ProbeType.READINESS, 1, 3,
                        "S", "S", "*"),
                Arguments.of("readiness needs successThreshold successes in a row", ProbeType.READINESS, 3, 3,
                        "SSFSSS", "FFFFFS", ".....*"),
                Arguments.of("readiness turns off after failureThreshold failures in a row", ProbeType.READINESS, 1, 2,
                        "SFSFF", "SSSSF", "*...*"),
                Arguments.of("readiness goes on being probed after it failed", ProbeType.READINESS, 1, 2,
                        "SFFFS", "SSFFS", "*.*.*"),
                Arguments.of("unknown runs count neither way nor break a run", ProbeType.READINESS, 2, 2,
                        "SUSFUF", "FFSSSF", "..*..*"),
                Arguments.of("liveness starts alive; failures below the threshold change nothing", ProbeType.LIVENESS, 1, 3,
                        "FFSFF", "SSSSS", "....."),
                Arguments.of("liveness fails at the threshold and stays failed", ProbeType.LIVENESS, 1, 3,
                        "FFFSS", "SSFFF", "..*.."),
                Arguments.of("startup starts unknown and succeeds once", ProbeType.STARTUP, 1, 3,
                        "FFS", "??S", "..*"),
                Arguments.of("startup fails at the threshold and stays failed", ProbeType.STARTUP, 1, 2,
                        "FFS", "?FF", ".*."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsMoveOnlyAtTheirThresholds(String name, ProbeType type, int successThreshold, int failureThreshold,
                                          String runs, String results, String changes) {
        ProbeState state = new ProbeState(type, successThreshold, failureThreshold);
        List<String> seen = new ArrayList<>();
        StringBuilder changed = new StringBuilder();

        for (char run : runs.toCharArray()) {
            changed.append(state.record(status(run)) ? '*' : '.');
            seen.add(letter(state.result()));
        }

        assertThat(String.join("", seen)).isEqualTo(results);
        assertThat(changed).hasToString(changes);
    }

    static Stream<Arguments> finished() {
        return Stream.of(
                Arguments.of("liveness that failed", ProbeType.LIVENESS, "F", true),
                Arguments.of("liveness that is fine", ProbeType.LIVENESS, "S", false),
                Arguments.of("readiness that failed", ProbeType.READINESS, "F", false),
                Arguments.of("startup that succeeded", ProbeType.STARTUP, "S", true),
                Arguments.of("startup that failed", ProbeType.STARTUP, "F", true),
                Arguments.of("startup not yet decided", ProbeType.STARTUP, "U", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finished")
    void probingEndsWhenThereIsNothingMoreToLearn(String name, ProbeType type, String runs, boolean finished) {
        ProbeState state = new ProbeState(type, 1, 1);

        runs.chars().forEach(c -> state.record(status((char) c)));

        assertThat(state.finished()).isEqualTo(finished);
    }

    private static Status status(char c) {
        return switch (c) {
            case 'S' -> Status.SUCCESS;
            case 'F' -> Status.FAILURE;
            default -> Status.UNKNOWN;
        };
    }

    private static String letter(Status s) {
        return switch (s) {
            case SUCCESS -> "S";
            case FAILURE -> "F";
            case UNKNOWN -> "?";
        };
    }
}
