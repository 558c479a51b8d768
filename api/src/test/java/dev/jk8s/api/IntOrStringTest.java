package dev.jk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.core.Service;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntOrStringTest {

    @Test
    void holdsANumberOrAString() {
        assertThat(IntOrString.of(80).isInt()).isTrue();
        assertThat(IntOrString.of(80).intValue()).isEqualTo(80);
        assertThat(IntOrString.of("http").isInt()).isFalse();
        assertThat(IntOrString.of("http").stringValue()).isEqualTo("http");
        assertThat(IntOrString.of(80)).hasToString("80");
        assertThat(IntOrString.of("25%")).hasToString("25%");
    }

    @Test
    void holdsExactlyOne() {
        assertThatThrownBy(() -> new IntOrString(80, "http")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntOrString(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} of {1}, rounded up {2} = {3}")
    @CsvSource({
            "25%, 10, true, 3",
            "25%, 10, false, 2",
            "25%, 4, true, 1",
            "100%, 7, false, 7",
            "0%, 7, true, 0",
            "3, 10, false, 3"})
    void scalesPercentagesAgainstATotal(String value, int total, boolean roundUp, int expected) {
        IntOrString v = value.endsWith("%") ? IntOrString.of(value) : IntOrString.of(Integer.parseInt(value));

        assertThat(v.scaledValue(total, roundUp)).isEqualTo(expected);
    }

    @Test
    void aNameIsNotScalable() {
        assertThatThrownBy(() -> IntOrString.of("http").scaledValue(10, true))
                .hasMessageContaining("\"http\" is neither a number nor a percentage");
    }

    @Test
    void encodesAsANumberOrAString() {
        Service numeric = service("80");
        Service named = service("\"http\"");

        assertThat(numeric.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of(80));
        assertThat(named.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of("http"));
        assertThat(new String(Codec.encode(numeric), StandardCharsets.UTF_8)).contains("\"targetPort\":80");
        assertThat(new String(Codec.encode(named), StandardCharsets.UTF_8)).contains("\"targetPort\":\"http\"");
    }

    @Test
    void refusesOtherJson() {
        assertThatThrownBy(() -> service("true")).isInstanceOf(ApiException.class)
                .hasMessageContaining("spec.ports[0].targetPort")
                .hasMessageContaining("must be a number or a string, such as 80 or http");
    }

    private static Service service(String targetPort) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"},"
                + "\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":" + targetPort + "}]}}";
        return Codec.decode(json.getBytes(StandardCharsets.UTF_8), Kinds.SERVICE);
    }
}
