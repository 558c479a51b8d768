package dev.jk8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRangeTest {

    final List<String> ran = new ArrayList<>();
    String shown = "";
    final ServiceRange range = new ServiceRange("10.96.0.0/12", (argv, stdin) -> {
        ran.add(String.join(" ", argv));
        return argv.contains("show") ? shown : "";
    });

    @Test
    void firstAddressIsTheFirstHostOfTheRange() {
        assertThat(range.firstAddress()).isEqualTo("10.96.0.1");
        assertThat(new ServiceRange("192.168.7.9/24", null).firstAddress()).isEqualTo("192.168.7.1");
        assertThat(new ServiceRange("10.0.0.7/32", null).firstAddress()).isEqualTo("10.0.0.7");
        assertThat(new ServiceRange("0.0.0.0/0", null).firstAddress()).isEqualTo("0.0.0.1");
    }

    @Test
    void routeLocalMakesTheRangeLocalInTheLocalTable() throws CommandException {
        range.routeLocal();

        assertThat(ran).containsExactly("ip route replace local 10.96.0.0/12 dev lo table local");
    }

    @Test
    void removeLocalRouteDeletesItOnlyWhenPresent() throws CommandException {
        range.removeLocalRoute();
        assertThat(ran).containsExactly("ip route show table local exact 10.96.0.0/12");

        shown = "local 10.96.0.0/12 dev lo scope host\n";
        range.removeLocalRoute();
        assertThat(ran).endsWith("ip route del local 10.96.0.0/12 dev lo table local");
    }
}
