package dev.jk8s.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MainTest {

    record Run(int code, String err) {
    }

    /** Runs the agent; its own messages and the components' (they print to System.err) both land in err. */
    static Run run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(new Main());
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, err + stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void bothComponentsGetTheApiserverTheKubeletTheNodeNameAndEachItsOwnFlags() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--apiserver", "127.0.0.1:7443", "--node-name", "n1",
                "--kubelet-arg=--port=10251", "--kubelet-arg", "--root-dir=/tmp/n1", "--proxy-arg=--port=10301");

        List<Main.Component> components = main.components();

        assertThat(components).extracting(Main.Component::name).containsExactly("kubelet", "proxy");
        assertThat(components.get(0).args())
                .containsExactly("--apiserver", "127.0.0.1:7443", "--node-name", "n1", "--port=10251", "--root-dir=/tmp/n1");
        assertThat(components.get(1).args()).containsExactly("--apiserver", "127.0.0.1:7443", "--port=10301");
    }

    @Test
    void bothComponentsGetTheCertificateAuthority() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--node-name", "n1", "--certificate-authority", "/pki/ca.crt",
                "--kubelet-arg=--client-ca-file=/pki/ca.crt");

        List<Main.Component> components = main.components();

        assertThat(components.get(0).args()).containsExactly("--apiserver", "127.0.0.1:6443", "--node-name", "n1",
                "--certificate-authority", "/pki/ca.crt", "--client-ca-file=/pki/ca.crt");
        assertThat(components.get(1).args()).containsExactly("--apiserver", "127.0.0.1:6443", "--certificate-authority",
                "/pki/ca.crt");
    }

    @Test
    void aFlagEitherComponentDoesNotKnowIsAUsageErrorNamingTheComponentBeforeAnythingStarts() {
        Run proxy = run("--node-name", "n1", "--proxy-arg=--mode=ipvs");
        Run kubelet = run("--node-name", "n1", "--kubelet-arg=--no-such-flag");

        assertThat(proxy.code()).isEqualTo(2);
        assertThat(proxy.err()).startsWith("--proxy-arg: Invalid value for option '--mode': expected one of [auto, iptables, userspace]")
                .doesNotContain("stopped");
        assertThat(kubelet.code()).isEqualTo(2);
        assertThat(kubelet.err()).startsWith("--kubelet-arg: Unknown option: '--no-such-flag'");
    }

    @Test
    void aComponentThatStopsOnItsOwnStopsTheNodeWithItsExitCode() {
        // both fail in their first steps, before either touches the host: the kubelet on its back-off,
        // the proxy on its service range
        Run r = run("--node-name", "n1", "--apiserver", "127.0.0.1:1", "--kubelet-arg=--crash-loop-backoff-initial=0s",
                "--proxy-arg=--service-cluster-ip-range=10.96.0.0/33");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).containsPattern("node: the (kubelet|proxy) stopped \\(exit code 2\\); stopping node n1");
    }

    @Test
    void theNodeNameIsRequired() {
        Run r = run("--apiserver", "127.0.0.1:7443");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("Missing required option: '--node-name=<nodeName>'");
    }
}
