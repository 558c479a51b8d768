package dev.jk8s.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource amount in Kubernetes' notation: {@code 500m} (milli), {@code 64Mi} (binary),
 * {@code 2G} (decimal), {@code 1.5}, {@code 1e3}. Immutable; equal when the amounts are equal,
 * whatever the spelling; printed as it was written.
 */
public final class Quantity implements Comparable<Quantity> {

    private static final Pattern FORMAT =
            Pattern.compile("^([+-]?[0-9]+(?:\\.[0-9]*)?|[+-]?\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private final String text;
    private final BigDecimal amount;

    private Quantity(String text, BigDecimal amount) {
        this.text = text;
        this.amount = amount;
    }

    /**
     * Parses a quantity.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Quantity parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("quantity \"" + text
                    + "\" is not valid; use a number with an optional suffix such as 500m, 2, 64Mi or 1G");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        // "E" and "Ei" are suffixes (exa, exbi); "E3" and "e3" are exponents
        BigDecimal amount = suffix == null ? number
                : SUFFIXES.containsKey(suffix) ? number.multiply(SUFFIXES.get(suffix))
                : number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        return new Quantity(text.trim(), amount);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Quantity fromJson(JsonNode node) {
        if (node.isNumber() || node.isTextual()) {
            return parse(node.asText());
        }
        throw new IllegalArgumentException("a quantity must be a string or a number, such as 500m or 64Mi");
    }

    public static Quantity ofMillis(long millis) {
        return new Quantity(millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m",
                BigDecimal.valueOf(millis, 3));
    }

    public static Quantity ofBytes(long bytes) {
        return new Quantity(Long.toString(bytes), BigDecimal.valueOf(bytes));
    }

    /** The amount in thousandths, rounded up (as Kubernetes does for CPU). */
    public long millis() {
        return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** The amount in whole units, rounded up (bytes for memory). */
    public long value() {
        return amount.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public BigDecimal amount() {
        return amount;
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public int compareTo(Quantity o) {
        return amount.compareTo(o.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }
}
