package dev.jk8s.ctl.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.ctl.Jctl;
import dev.jk8s.ctl.Main;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    private final Jctl jctl = new Jctl();

    @Test
    void printsTheClientThenTheServerVersion() {
        assertThat(jctl.run("version")).isEqualTo(new Jctl.Result(0, "Client Version: " + Main.clientVersion() + "\n"
                + "Server Version: 9.9.9-fake (Java 17.0.1, linux/amd64)\n", ""));
    }

    @Test
    void clientOnlyDoesNotAskTheServer() {
        assertThat(jctl.run("version", "--client")).isEqualTo(new Jctl.Result(0, "Client Version: " + Main.clientVersion() + "\n", ""));
        assertThat(jctl.run("--version").out()).isEqualTo("jctl " + Main.clientVersion() + "\n");
    }
}
