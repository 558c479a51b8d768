package dev.jk8s.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * jctl's config file, {@code ${JCTL_CONFIG:-~/.jctl/config}}: YAML with {@code server: host:port} and
 * {@code certificate-authority: FILE} (the cluster CA, which makes jctl speak TLS; relative to the config
 * file's directory; both written by {@code bin/cluster up}), optionally {@code namespace: name} and
 * {@code token: TOKEN}. A missing file is an empty config; an unreadable one is an error naming the
 * file. Unknown keys are ignored. Immutable.
 */
public record CtlConfig(Path file, String server, String namespace, String token, Path certificateAuthority) {

    public static final String ENV_VAR = "JCTL_CONFIG";

    private static final ObjectMapper YAML = new YAMLMapper();

    /** Where the config is for these environment variables. */
    public static Path location(Map<String, String> env) {
        String explicit = env.get(ENV_VAR);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("user.home"), ".jctl", "config");
    }

    public static CtlConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new CtlConfig(file, null, null, null, null);
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return new CtlConfig(file, null, null, null, null);
            }
            if (!root.isObject()) {
                throw new CtlException("the config file " + file + " is not a YAML map; write e.g. \"server: 127.0.0.1:6443\"");
            }
            String ca = text(root, "certificate-authority");
            return new CtlConfig(file, text(root, "server"), text(root, "namespace"), text(root, "token"),
                    ca == null ? null : file.toAbsolutePath().resolveSibling(ca));
        } catch (IOException e) {
            throw new CtlException("cannot read the config file " + file + ": " + e.getMessage().lines().findFirst().orElse("")
                    + "; fix it or point " + ENV_VAR + " at another file", e);
        }
    }

    private static String text(JsonNode root, String key) {
        JsonNode v = root.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    public Optional<String> serverOpt() {
        return Optional.ofNullable(server);
    }

    public Optional<Path> certificateAuthorityOpt() {
        return Optional.ofNullable(certificateAuthority);
    }

    public Optional<String> tokenOpt() {
        return Optional.ofNullable(token);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "CtlConfig[file=" + file + ", server=" + server + ", namespace=" + namespace + ", token="
                + (token == null ? "none" : "(set)") + ", certificateAuthority=" + certificateAuthority + "]";
    }

    public Optional<String> namespaceOpt() {
        return Optional.ofNullable(namespace);
    }
}
