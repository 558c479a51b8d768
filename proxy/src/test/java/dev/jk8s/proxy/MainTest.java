package dev.jk8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MainTest {

    record Run(int code, String err) {
    }

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void aMalformedServiceRangeIsAUsageErrorThatChangesNothing() {
        Run r = run("--cleanup", "--service-cluster-ip-range", "10.96.0.0/33");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("invalid --service-cluster-ip-range 10.96.0.0/33: must be an IPv4 range such as"
                + " 10.96.0.0/12, the apiserver's --service-cluster-ip-range");
    }

    @Test
    void aMalformedNodePortAddressIsAUsageError() {
        Run r = run("--nodeport-addresses", "127.0.0.1", "--apiserver", "127.0.0.1:1");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("invalid --nodeport-addresses [127.0.0.1]: must be IPv4 ranges such as 127.0.0.0/8");
    }

    @Test
    void anUnknownModeIsAUsageError() {
        Run r = run("--mode", "ipvs");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--mode", "ipvs", "auto, iptables, userspace");
    }
}
