package dev.jk8s.ctl.delete;

import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --cascade}: what happens to an object's dependents. background (default): the object
 * goes now, the garbage collector removes dependents after; foreground: dependents first, the
 * object waits (finalizer {@code foregroundDeletion}); orphan: dependents stay.
 */
public enum Cascade {
    BACKGROUND("Background"), FOREGROUND("Foreground"), ORPHAN("Orphan");

    private final String policy;

    Cascade(String policy) {
        this.policy = policy;
    }

    /** The propagation policy the apiserver understands. */
    public String policy() {
        return policy;
    }

    public static Cascade parse(String value) {
        for (Cascade c : values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("expected one of background, foreground, orphan but was '" + value + "'");
    }

    /** picocli's conversion of the flag's value. */
    public static final class Converter implements CommandLine.ITypeConverter<Cascade> {
        @Override
        public Cascade convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
