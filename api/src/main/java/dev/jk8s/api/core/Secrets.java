package dev.jk8s.api.core;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.Values;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defaults and validation of Secrets. Messages never quote a secret value: they end up in
 * logs and terminals.
 */
final class Secrets {

    /** Kubernetes' limit on the decoded size of a Secret's data. */
    static final int MAX_SIZE = 1024 * 1024;

    private static final Path DATA = Path.of("data");

    private Secrets() {
    }

    /** Type Opaque; {@code stringData} is encoded into {@code data} (its keys win), as Kubernetes does on write. */
    static Secret defaults(Secret s) {
        Map<String, String> data = new LinkedHashMap<>(s.data());
        s.stringData().forEach((k, v) -> data.put(k, Base64.getEncoder()
                .encodeToString((v == null ? "" : v).getBytes(StandardCharsets.UTF_8))));
        return new Secret(s.apiVersion(), s.kind(), s.metadata(), s.immutable(), data, null,
                Values.or(s.type(), Secret.OPAQUE));
    }

    static List<FieldError> validate(Secret s) {
        Errors errs = new Errors();
        long size = 0;
        for (Map.Entry<String, String> e : s.data().entrySet()) {
            ConfigMaps.key(errs, DATA, e.getKey());
            size += decodedSize(errs, DATA.key(e.getKey()), e.getValue());
        }
        s.stringData().keySet().forEach(k -> ConfigMaps.key(errs, Path.of("stringData"), k));
        if (size > MAX_SIZE) {
            errs.add(DATA, "Too long: must have at most " + MAX_SIZE + " bytes");
        }
        errs.required(Path.of("type"), s.type());
        if (Secret.TLS.equals(s.type())) {
            List.of("tls.crt", "tls.key").stream().filter(k -> !s.data().containsKey(k))
                    .forEach(k -> errs.add(DATA.key(k), "Required value"));
        }
        return errs.list();
    }

    static List<FieldError> validateUpdate(Secret s, Secret old) {
        Errors errs = new Errors();
        errs.immutable(Path.of("type"), s.type(), old.type());
        if (old.isImmutable() && !s.data().equals(old.data())) {
            errs.forbidden(DATA, "field is immutable when `immutable` is set");
        }
        if (old.isImmutable() && !s.isImmutable()) {
            errs.forbidden(Path.of("immutable"), "field is immutable when `immutable` is set");
        }
        return errs.list();
    }

    private static long decodedSize(Errors errs, Path p, String value) {
        try {
            return value == null ? 0 : Base64.getDecoder().decode(value).length;
        } catch (IllegalArgumentException e) {
            errs.add(p, "Invalid value: <secret value>: must be valid base64; "
                    + "encode it (e.g. with `base64 -w0`) or put the plain text under stringData");
            return 0;
        }
    }
}
