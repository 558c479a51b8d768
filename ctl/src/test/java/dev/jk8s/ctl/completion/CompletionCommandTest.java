package dev.jk8s.ctl.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.ctl.ExitCodes;
import dev.jk8s.ctl.Jctl;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {

    @Test
    void bashScriptCompletesVerbsAndTheirFlags() {
        Jctl.Result r = new Jctl().run("completion", "bash");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("complete -F _complete_jctl", "scale", "cordon", "--replicas", "--overwrite");
    }

    @Test
    void zshGetsTheSameScript() {
        Jctl jctl = new Jctl();

        assertThat(jctl.run("completion", "zsh").out()).isEqualTo(jctl.run("completion", "bash").out());
    }

    @Test
    void anotherShellIsAUsageError() {
        Jctl.Result r = new Jctl().run("completion", "fish");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("error: Invalid value for positional parameter at index 0 (SHELL): expected one"
                + " of [bash, zsh] (case-sensitive) but was 'fish'\nSee 'jctl completion -h'\n");
    }
}
