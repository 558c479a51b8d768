package dev.jk8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SystemCommandsTest {

    final CommandRunner host = CommandRunner.system(Duration.ofSeconds(2));

    @Test
    void inputLargerThanAPipeGoesInAndOutputComesBack() throws Exception {
        String big = "x".repeat(1 << 20) + "\n";

        assertThat(host.run(List.of("wc", "-c"), big).strip()).isEqualTo(String.valueOf(big.length()));
    }

    @Test
    void aFailureCarriesTheExitCodeAndStderr() {
        assertThatThrownBy(() -> host.run(List.of("sh", "-c", "echo 'Chain JK8S-X does not exist' >&2; exit 2"), null))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo("sh -c echo 'Chain JK8S-X does not exist' >&2; exit 2 exited 2: Chain"
                            + " JK8S-X does not exist");
                });
    }

    @Test
    void aCommandThatNeitherReadsNorEndsIsGivenUpAtTheDeadline() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> host.run(List.of("sleep", "20"), "y".repeat(1 << 20)))
                .isInstanceOf(CommandException.class).hasMessageContaining("no answer within 2 s");
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    }
}
