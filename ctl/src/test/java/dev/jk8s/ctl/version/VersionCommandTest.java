package dev.jk8s.ctl.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.ctl.Jctl;
import dev.jk8s.ctl.Main;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    @Test
    void printsTheClientVersionWithoutConnecting() {
        Jctl jctl = new Jctl();

        assertThat(jctl.run("version")).isEqualTo(new Jctl.Result(0, "Client Version: " + Main.clientVersion() + "\n", ""));
        assertThat(jctl.run("--version").out()).isEqualTo("jctl " + Main.clientVersion() + "\n");
    }
}
