package dev.jk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1} millis")
    @CsvSource({
            "500m, 500",
            "1, 1000",
            "0.5, 500",
            "1.5, 1500",
            ".25, 250",
            "2k, 2000000",
            "1e3, 1000000",
            "1E-3, 1",
            "100u, 1",
            "0, 0",
            "-250m, -250"})
    void parsesCpuStyleAmounts(String text, long millis) {
        assertThat(Quantity.parse(text).millis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "64Mi, 67108864",
            "1Ki, 1024",
            "1Gi, 1073741824",
            "2G, 2000000000",
            "128M, 128000000",
            "1.5Gi, 1610612736",
            "1Ei, 1152921504606846976",
            "123, 123"})
    void parsesMemoryStyleAmounts(String text, long bytes) {
        assertThat(Quantity.parse(text).value()).isEqualTo(bytes);
    }

    @Test
    void wholeUnitsRoundUp() {
        assertThat(Quantity.parse("100m").value()).isEqualTo(1);
        assertThat(Quantity.parse("1500m").value()).isEqualTo(2);
    }

    @Test
    void equalAmountsAreEqualWhateverTheSpelling() {
        assertThat(Quantity.parse("1000m")).isEqualTo(Quantity.parse("1")).hasSameHashCodeAs(Quantity.parse("1"));
        assertThat(Quantity.parse("1e3")).isEqualTo(Quantity.parse("1k")).hasSameHashCodeAs(Quantity.parse("1000"));
        assertThat(Quantity.parse("1024Ki")).isEqualTo(Quantity.parse("1Mi"));
        assertThat(Quantity.parse("1M")).isNotEqualTo(Quantity.parse("1Mi"));
    }

    @Test
    void keepsTheSpellingItWasWrittenIn() {
        assertThat(Quantity.parse("1000m")).hasToString("1000m");
        assertThat(Quantity.parse(" 64Mi ")).hasToString("64Mi");
    }

    @Test
    void ordersByAmount() {
        assertThat(Quantity.parse("500m")).isLessThan(Quantity.parse("1"));
        assertThat(Quantity.parse("1Gi")).isGreaterThan(Quantity.parse("1G"));
        assertThat(Quantity.parse("1")).isEqualByComparingTo(Quantity.parse("1000m"));
    }

    @Test
    void madeFromMillisOrBytes() {
        assertThat(Quantity.ofMillis(2000)).hasToString("2").isEqualTo(Quantity.parse("2"));
        assertThat(Quantity.ofMillis(250)).hasToString("250m").isEqualTo(Quantity.parse("0.25"));
        assertThat(Quantity.ofBytes(1024)).isEqualTo(Quantity.parse("1Ki"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "1.5.5", "5 Mi", "64mi", "1KiB", "m", "--1"})
    void refusesWhatIsNotAQuantity(String text) {
        assertThatThrownBy(() -> Quantity.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quantity \"" + text + "\" is not valid; use a number with an optional suffix "
                        + "such as 500m, 2, 64Mi or 1G");
    }

    @Test
    void decodesFromJsonNumbersAndStrings() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n\"},"
                + "\"status\":{\"capacity\":{\"cpu\":4,\"memory\":\"8Gi\",\"ephemeral\":0.5}}}";

        var node = (dev.jk8s.api.core.Node) Codec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(node.status().capacity().get("cpu").millis()).isEqualTo(4000);
        assertThat(node.status().capacity().get("memory")).isEqualTo(Quantity.parse("8Gi"));
        assertThat(node.status().capacity().get("ephemeral").millis()).isEqualTo(500);
        assertThat(Codec.toJson(node.status().capacity())).contains("\"memory\" : \"8Gi\"");
    }
}
