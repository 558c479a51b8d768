package dev.jk8s.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.scheduler.plugins.DefaultProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void scoreWeightsChangeTheProfile() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--score-weight", "NodeResourcesLeastAllocated=5", "--score-weight", "SelectorSpread=0");

        assertThat(main.profile().weight("NodeResourcesLeastAllocated")).isEqualTo(5);
        assertThat(main.profile().weight("SelectorSpread")).isZero();
        assertThat(main.profile().weight("TaintToleration")).isEqualTo(3);
    }

    @Test
    void anUnknownPluginIsAUsageErrorThatNamesTheKnownOnes() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main()).setErr(new PrintWriter(err));

        int code = cmd.execute("--score-weight", "LeastAllocated=2");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("invalid --score-weight LeastAllocated=2: no score plugin named LeastAllocated; "
                + "known: [TaintToleration, NodeAffinity, InterPodAffinity, NodeResourcesLeastAllocated,")
                .doesNotContain("Exception");
    }

    @Test
    void aNegativeWeightIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("--score-weight", "NodeAffinity=-1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("invalid --score-weight NodeAffinity=-1: weight of score plugin NodeAffinity must be >= 0, was -1");
    }

    @Test
    void theHelpShowsTheDefaultWeightsOfTheProfile() {
        String actual = DefaultProfile.PROFILE.scores().stream().map(s -> s.plugin().name() + "=" + s.weight())
                .collect(Collectors.joining(", "));
        assertThat(DefaultProfile.WEIGHTS).isEqualTo(actual);
    }
}
