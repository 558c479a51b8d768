package dev.jk8s.api.core;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of ConfigMaps: keys are file names, and data and binaryData do not share a key. */
final class ConfigMaps {

    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private ConfigMaps() {
    }

    static List<FieldError> validate(ConfigMap cm) {
        Errors errs = new Errors();
        cm.data().forEach((k, v) -> key(errs, Path.of("data"), k));
        cm.binaryData().forEach((k, v) -> {
            key(errs, Path.of("binaryData"), k);
            if (cm.data().containsKey(k)) {
                errs.invalid(Path.of("binaryData"), k, "duplicate of key present in data");
            }
        });
        return errs.list();
    }

    /** A data key becomes a file name in a volume, so it must be one. */
    static void key(Errors errs, Path path, String key) {
        if (key.isEmpty() || key.length() > 253 || !KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
            errs.invalid(path, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
        }
    }
}
