package dev.jk8s.ctl.get;

import picocli.CommandLine;

/** {@code -o}: the table (default) or the wider one, the objects as YAML or JSON, or {@code kind/name} lines. */
public enum OutputFormat {
    TABLE, WIDE, YAML, JSON, NAME;

    /** Whether this format prints a table (with a header, one row per object). */
    public boolean isTable() {
        return this == TABLE || this == WIDE;
    }

    public static OutputFormat parse(String value) {
        return switch (value) {
            case "yaml" -> YAML;
            case "json" -> JSON;
            case "name" -> NAME;
            case "wide" -> WIDE;
            default -> throw new IllegalArgumentException("unable to match a printer suitable for the output format \""
                    + value + "\", allowed formats are: json,name,wide,yaml");
        };
    }

    /** picocli's conversion of the flag's value. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
