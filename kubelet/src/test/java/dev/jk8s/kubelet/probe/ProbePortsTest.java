package dev.jk8s.kubelet.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbePortsTest {

    private static final Container WEB = Container.builder().name("web").image("nginx")
            .ports(List.of(new ContainerPort("http", null, 8080, "TCP", null),
                    new ContainerPort("metrics", null, 9090, "TCP", null)))
            .build();

    static Stream<Arguments> ports() {
        return Stream.of(
                Arguments.of("a number, declared", IntOrString.of(8080), 8080),
                Arguments.of("a number the container does not declare", IntOrString.of(3000), 3000),
                Arguments.of("a name", IntOrString.of("http"), 8080),
                Arguments.of("another name", IntOrString.of("metrics"), 9090));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void resolvesNumbersAndNames(String name, IntOrString port, int expected) {
        assertThat(ProbePorts.resolve(port, WEB)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("an unknown name", IntOrString.of("grpc"),
                        "container \"web\" has no port named \"grpc\"; name one of spec.containers[].ports or give a number"),
                Arguments.of("zero", IntOrString.of(0), "port 0 of container \"web\" is out of range: must be 1-65535"),
                Arguments.of("too large", IntOrString.of(70000),
                        "port 70000 of container \"web\" is out of range: must be 1-65535"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void saysWhichPortOfWhichContainerIsWrong(String name, IntOrString port, String message) {
        assertThatThrownBy(() -> ProbePorts.resolve(port, WEB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
