package dev.jk8s.ctl.get;

import picocli.CommandLine;

/** {@code -o}: the table (default), the objects as YAML or JSON, or {@code kind/name} lines. */
public enum OutputFormat {
    TABLE, YAML, JSON, NAME;

    public static OutputFormat parse(String value) {
        return switch (value) {
            case "yaml" -> YAML;
            case "json" -> JSON;
            case "name" -> NAME;
            default -> throw new IllegalArgumentException("unable to match a printer suitable for the output format \""
                    + value + "\", allowed formats are: json,name,yaml");
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
