package dev.jk8s.ctl.apply;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code --dry-run}: none (write), client (decide but send nothing), server (send with dryRun: validated, not stored). */
public enum DryRun {
    NONE(""), CLIENT(" (dry run)"), SERVER(" (server dry run)");

    private final String suffix;

    DryRun(String suffix) {
        this.suffix = suffix;
    }

    /** What kubectl appends to each line of output. */
    public String suffix() {
        return suffix;
    }

    public static DryRun parse(String value) {
        for (DryRun d : values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + " but was '" + value + "'");
    }

    /** picocli's conversion of the flag's value. */
    public static final class Converter implements CommandLine.ITypeConverter<DryRun> {
        @Override
        public DryRun convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
