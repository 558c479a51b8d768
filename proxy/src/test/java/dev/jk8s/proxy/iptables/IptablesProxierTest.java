package dev.jk8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.proxy.CommandException;
import dev.jk8s.proxy.RecordingCommands;
import dev.jk8s.proxy.ServicePortTarget;
import dev.jk8s.proxy.ServiceRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IptablesProxierTest {

    @TempDir
    Path dir;

    static final ServicePortTarget WEB = new ServicePortTarget("default/web", "", "tcp", "10.96.0.7", 80, 0, false,
            List.of("172.17.0.2:8080"));
    static final String LEFTOVER = Ruleset.chain("JK8S-SVC-", "default/gone/tcp");

    /** A host with a leftover chain from an earlier proxy, no hooks yet, and no jk8s0 link. */
    static RecordingCommands host() {
        return new RecordingCommands(argv -> {
            String line = String.join(" ", argv);
            if (line.startsWith("sysctl -n")) {
                return "0\n";
            }
            if (line.startsWith("iptables-save -t nat")) {
                return "*nat\n:PREROUTING ACCEPT [0:0]\n:JK8S-SERVICES - [0:0]\n:" + LEFTOVER + " - [0:0]\nCOMMIT\n";
            }
            if (line.startsWith("iptables -w 5 -t nat -C") || line.startsWith("iptables -w 5 -t filter -C")
                    || line.startsWith("ip link show")) {
                throw new CommandException(argv, 1, "no");
            }
            return "";
        });
    }

    @Test
    void securingRoutesTheRangeBeforeAnyRuleAndAdoptsLeftoverChains() throws Exception {
        RecordingCommands host = host();
        IptablesProxier proxier = new IptablesProxier(host, new ServiceRange("10.96.0.0/12", host), List.of(), dir.resolve("route_localnet.before"));

        proxier.secure();
        proxier.sync(List.of(WEB));

        List<String> calls = host.calls();
        assertThat(calls.subList(0, 4)).containsExactly("ip link show jk8s0", "ip link add jk8s0 type bridge",
                "ip link set jk8s0 up", "ip route replace 10.96.0.0/12 dev jk8s0");
        String restore = host.calls("iptables-restore").get(1);
        assertThat(restore).contains("-d 10.96.0.7/32", "-X " + LEFTOVER);
    }

    @Test
    void loopbackIsGuardedBeforeRouteLocalnetIsOnAndCleanupPutsItsValueBack() throws Exception {
        RecordingCommands host = host();
        IptablesProxier proxier = new IptablesProxier(host, new ServiceRange("10.96.0.0/12", host), List.of(),
                dir.resolve("route_localnet.before"));

        proxier.secure();

        List<String> calls = host.calls();
        int guard = calls.indexOf("iptables -w 5 -t filter -I INPUT -m comment --comment jk8s-firewall -j JK8S-FIREWALL");
        int on = calls.indexOf("sysctl -q -w net.ipv4.conf.all.route_localnet=1");
        assertThat(calls.get(4)).startsWith("iptables-restore -w 5 --noflush\n*filter\n:JK8S-FIREWALL - [0:0]\n")
                .doesNotContain("JK8S-SERVICES");
        assertThat(guard).isPositive().isLessThan(on);
        assertThat(Files.readString(dir.resolve("route_localnet.before"))).isEqualTo("0\n");

        proxier.cleanup();

        assertThat(host.calls()).contains("sysctl -q -w net.ipv4.conf.all.route_localnet=0");
        assertThat(dir.resolve("route_localnet.before")).doesNotExist();
    }

    @Test
    void missingHooksAreInsertedAfterTheRestoreAndPresentOnesLeftAlone() throws Exception {
        RecordingCommands host = host();
        IptablesProxier proxier = new IptablesProxier(host, new ServiceRange("10.96.0.0/12", host), List.of(), dir.resolve("route_localnet.before"));

        proxier.sync(List.of(WEB));

        assertThat(host.calls("iptables -w 5 -t nat -I")).containsExactly(
                "iptables -w 5 -t nat -I PREROUTING -m comment --comment jk8s-services -j JK8S-SERVICES",
                "iptables -w 5 -t nat -I OUTPUT -m comment --comment jk8s-services -j JK8S-SERVICES",
                "iptables -w 5 -t nat -I POSTROUTING -m comment --comment jk8s-postrouting -j JK8S-POSTROUTING");
        assertThat(host.calls().indexOf(host.calls("iptables-restore").get(0)))
                .isLessThan(host.calls().indexOf(host.calls("iptables -w 5 -t nat -I").get(0)));
    }

    @Test
    void cleanupRemovesHooksThenEveryOwnChainThenTheLink() throws Exception {
        RecordingCommands host = new RecordingCommands(argv -> {
            String line = String.join(" ", argv);
            if (line.startsWith("iptables-save -t nat")) {
                return "*nat\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:JK8S-SERVICES - [0:0]\n:" + LEFTOVER + " - [0:0]\nCOMMIT\n";
            }
            if (line.contains(" -C ")) {
                throw new CommandException(argv, 2, "iptables: Chain 'JK8S-SERVICES' does not exist");
            }
            return "";
        });

        new IptablesProxier(host, new ServiceRange("10.96.0.0/12", host), List.of(), dir.resolve("route_localnet.before")).cleanup();

        String restore = host.calls("iptables-restore").get(0);
        assertThat(restore).contains(":JK8S-SERVICES - [0:0]", "-X JK8S-SERVICES", "-X " + LEFTOVER).doesNotContain("DOCKER");
        assertThat(host.calls().get(host.calls().size() - 1)).isEqualTo("ip link del jk8s0");
    }
}
