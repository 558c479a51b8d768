package dev.jk8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.core.Endpoints;
import dev.jk8s.api.core.Service;
import dev.jk8s.proxy.ServicePortTarget;
import dev.jk8s.testkit.TestObjects;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesetTest {

    static Service service(String name, String spec) {
        return (Service) TestObjects.parse("apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default}\n"
                + "spec: " + spec + "\n");
    }

    static Endpoints endpoints(String name, String subsets) {
        return (Endpoints) TestObjects.parse("apiVersion: v1\nkind: Endpoints\nmetadata: {name: " + name + ", namespace: default}\n"
                + "subsets: " + subsets + "\n");
    }

    static final Service WEB = service("web", "{clusterIP: 10.96.0.7, ports: [{name: http, port: 80, targetPort: 8080}]}");
    static final Endpoints WEB_EPS = endpoints("web", "[{addresses: [{ip: 172.17.0.4}, {ip: 172.17.0.2}, {ip: 172.17.0.3}],"
            + " notReadyAddresses: [{ip: 172.17.0.9}], ports: [{name: http, port: 8080}]}]");

    static Ruleset rules(List<Service> services, Map<String, Endpoints> eps, Set<String> previousNat) {
        return Ruleset.of(ServicePortTarget.of(services, eps), "10.96.0.0/12", List.of(), previousNat, Set.of());
    }

    static List<String> lines(Ruleset r) {
        return r.restoreInput().lines().toList();
    }

    @Test
    void readyEndpointsShareAServicePortEquallyAtRandom() {
        Ruleset r = rules(List.of(WEB), Map.of("default/web", WEB_EPS), Set.of());
        String svc = Ruleset.chain("JK8S-SVC-", "default/web:http/tcp");

        assertThat(lines(r)).contains("-A JK8S-SERVICES -m comment --comment \"default/web:http cluster IP\" -d 10.96.0.7/32 -p tcp "
                + "-m tcp --dport 80 -j " + svc);
        List<String> svcRules = lines(r).stream().filter(l -> l.startsWith("-A " + svc + " ")).toList();
        assertThat(svcRules).hasSize(3);
        assertThat(svcRules.get(0)).contains("\"default/web:http -> 172.17.0.2:8080\"").contains("--probability 0.3333333333");
        assertThat(svcRules.get(1)).contains("\"default/web:http -> 172.17.0.3:8080\"").contains("--probability 0.5000000000");
        assertThat(svcRules.get(2)).contains("\"default/web:http -> 172.17.0.4:8080\"").doesNotContain("probability");
        String sep = Ruleset.chain("JK8S-SEP-", "default/web:http/tcp/172.17.0.2:8080");
        assertThat(lines(r)).contains("-A " + sep + " -s 172.17.0.2/32 -j JK8S-MARK-MASQ",
                "-A " + sep + " -p tcp -m tcp -j DNAT --to-destination 172.17.0.2:8080");
        assertThat(r.restoreInput()).doesNotContain("172.17.0.9"); // not ready
    }

    @Test
    void aServicePortWithoutEndpointsIsRejectedNotRouted() {
        Ruleset r = rules(List.of(WEB), Map.of(), Set.of());

        assertThat(lines(r)).contains("-A JK8S-SERVICES -m comment --comment \"default/web:http has no endpoints\" -d 10.96.0.7/32"
                + " -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable");
        assertThat(r.natChains()).noneMatch(c -> c.startsWith("JK8S-SVC-"));
    }

    @Test
    void aNodePortIsMarkedForMasqueradeAndRoutedLikeTheClusterIp() {
        Service np = service("web", "{type: NodePort, clusterIP: 10.96.0.7, ports: [{name: http, port: 80, nodePort: 30080}]}");
        Ruleset r = rules(List.of(np), Map.of("default/web", WEB_EPS), Set.of());
        String svc = Ruleset.chain("JK8S-SVC-", "default/web:http/tcp");

        assertThat(lines(r)).containsSubsequence(
                "-A JK8S-NODEPORTS -m comment --comment \"default/web:http\" -p tcp -m tcp --dport 30080 -j JK8S-MARK-MASQ",
                "-A JK8S-NODEPORTS -m comment --comment \"default/web:http\" -p tcp -m tcp --dport 30080 -j " + svc);
        assertThat(lines(r).stream().filter(l -> l.startsWith("-A JK8S-SERVICES")).reduce((a, b) -> b).orElseThrow())
                .isEqualTo("-A JK8S-SERVICES -m comment --comment \"node ports; must be last\" -m addrtype --dst-type LOCAL "
                        + "-j JK8S-NODEPORTS");
    }

    @Test
    void nodePortsAnswerOnlyOnTheGivenAddressesAndTheRestOfTheRangeIsRejectedLast() {
        Service np = service("web", "{type: NodePort, clusterIP: 10.96.0.7, ports: [{name: http, port: 80, nodePort: 30080}]}");
        Ruleset r = Ruleset.of(ServicePortTarget.of(List.of(np), Map.of("default/web", WEB_EPS)), "10.96.0.0/12",
                List.of("127.0.0.0/8"), Set.of(), Set.of());

        assertThat(lines(r)).contains("-A JK8S-SERVICES -m comment --comment \"node ports; must be last\" -d 127.0.0.0/8 "
                + "-m addrtype --dst-type LOCAL -j JK8S-NODEPORTS").noneMatch(l -> l.contains("LOCAL -j JK8S-NODEPORTS")
                && !l.contains("127.0.0.0/8"));
        String filter = r.restoreInput().substring(0, r.restoreInput().indexOf("*nat"));
        assertThat(filter.lines().filter(l -> l.startsWith("-A JK8S-SERVICES")).reduce((a, b) -> b).orElseThrow())
                .isEqualTo("-A JK8S-SERVICES -m comment --comment \"service range: no such service port; must be last\""
                        + " -d 10.96.0.0/12 -j REJECT --reject-with icmp-port-unreachable");
        assertThat(r.ruleCounts()).containsEntry("filter", 2).containsKey("nat");
    }

    @Test
    void chainsNoLongerNeededAreEmptiedAndDeletedInTheSameRestore() {
        String stale = Ruleset.chain("JK8S-SVC-", "default/gone:http/tcp");
        Ruleset r = rules(List.of(WEB), Map.of("default/web", WEB_EPS), Set.of(stale, "JK8S-SERVICES"));

        List<String> l = lines(r);
        assertThat(l).contains(":" + stale + " - [0:0]", "-X " + stale);
        assertThat(l.indexOf("-X " + stale)).isGreaterThan(l.indexOf(":" + stale + " - [0:0]"));
        assertThat(l).doesNotContain("-X JK8S-SERVICES");
        assertThat(l).containsSubsequence("*filter", "COMMIT", "*nat", "COMMIT");
    }

    @Test
    void clientIpAffinitySendsAClientBackToItsEndpoint() {
        Service sticky = service("web", "{clusterIP: 10.96.0.7, sessionAffinity: ClientIP, ports: [{name: http, port: 80}]}");
        Ruleset r = rules(List.of(sticky), Map.of("default/web", WEB_EPS), Set.of());
        String svc = Ruleset.chain("JK8S-SVC-", "default/web:http/tcp");
        String sep = Ruleset.chain("JK8S-SEP-", "default/web:http/tcp/172.17.0.2:8080");

        assertThat(lines(r)).contains("-A " + svc + " -m recent --name " + sep + " --rcheck --seconds 10800 --reap -j " + sep,
                "-A " + sep + " -m recent --name " + sep + " --set -p tcp -m tcp -j DNAT --to-destination 172.17.0.2:8080");
    }

    @Test
    void headlessServicesAndServicesNotYetAllocatedAreNotRouted() {
        Ruleset r = rules(List.of(service("h", "{clusterIP: None, ports: [{port: 80}]}"), service("p", "{ports: [{port: 80}]}")),
                Map.of(), Set.of());
        assertThat(r.restoreInput()).doesNotContain("--dport 80");
    }

    @Test
    void endpointsArePairedWithTheServicePortOfTheSameNameAndProtocol() {
        Service two = service("dns", "{clusterIP: 10.96.0.10, ports: [{name: dns, port: 53, protocol: UDP}, "
                + "{name: dns-tcp, port: 53, protocol: TCP}]}");
        Endpoints eps = endpoints("dns", "[{addresses: [{ip: 172.17.0.5}], ports: [{name: dns, port: 1053, protocol: UDP},"
                + " {name: dns-tcp, port: 1054, protocol: TCP}]}]");

        List<ServicePortTarget> targets = ServicePortTarget.of(List.of(two), Map.of("default/dns", eps));

        assertThat(targets).extracting(t -> t.id() + " " + t.protocol() + " " + t.endpoints())
                .containsExactly("default/dns:dns udp [172.17.0.5:1053]", "default/dns:dns-tcp tcp [172.17.0.5:1054]");
    }

    @Test
    void chainNamesAreStableAndFitIptables() {
        String a = Ruleset.chain("JK8S-SVC-", "default/web:http/tcp");
        assertThat(a).isEqualTo(Ruleset.chain("JK8S-SVC-", "default/web:http/tcp")).hasSizeLessThanOrEqualTo(28)
                .matches("JK8S-SVC-[A-Z0-9]{16}");
        assertThat(Ruleset.chain("JK8S-SVC-", "default/web:https/tcp")).isNotEqualTo(a);
    }
}
