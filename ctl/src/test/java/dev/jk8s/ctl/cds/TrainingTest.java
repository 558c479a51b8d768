package dev.jk8s.ctl.cds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The archive's training run must exercise whole successful calls, or the archive misses their classes. */
@Timeout(60)
class TrainingTest {

    @Test
    void everyTrainingCommandSucceedsAgainstTheStandIn() throws Exception {
        assertThat(Training.train()).containsExactly(0, 0, 0, 0);
    }
}
