package dev.jk8s.kubelet.node;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.client.AccessCheck;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a kubelet gets its own credential, as Kubernetes' kubelet TLS bootstrap does with
 * certificates: on first start it presents a short-lived bootstrap token ({@code jctl token
 * create}) and asks the apiserver for a credential of its node; it keeps that in
 * {@code credentialFile} (mode 0600) and uses only it afterwards, also after restarts and after
 * the bootstrap token has expired. Not thread-safe; called once at start.
 */
public final class NodeJoin {

    private static final Logger LOG = LoggerFactory.getLogger(NodeJoin.class);

    private NodeJoin() {
    }

    /**
     * The options to connect with as node {@code node}: its saved credential if there is one,
     * else a new one obtained with {@code bootstrapToken}; without either, {@code base} unchanged.
     *
     * @throws IllegalStateException with what to do, when the bootstrap token is refused
     */
    public static ConnectOptions credentials(String apiserver, ConnectOptions base, String node, Path credentialFile,
                                             String bootstrapToken) throws IOException {
        if (Files.isRegularFile(credentialFile) && Files.size(credentialFile) > 0) {
            ConnectOptions saved = base.withTokenFile(credentialFile);
            if (!refused(apiserver, saved)) {
                LOG.info("node {}: using its credential in {}", node, credentialFile);
                return saved;
            }
            if (bootstrapToken == null) {
                throw new IllegalStateException("the apiserver refused the node's credential in " + credentialFile
                        + " (revoked, or another cluster's); pass a bootstrap token (jctl token create) to join again");
            }
            LOG.warn("node {}: the apiserver refused its credential in {}; joining again with the bootstrap token", node,
                    credentialFile);
        }
        if (bootstrapToken == null) {
            return base;
        }
        String credential = join(apiserver, base, node, bootstrapToken);
        save(credentialFile, credential);
        LOG.info("node {}: joined with a bootstrap token; its credential is in {}", node, credentialFile);
        return base.withBearerToken(credential);
    }

    /**
     * Whether the apiserver refuses these credentials (Unauthorized). An apiserver that cannot be
     * reached refuses nothing: the kubelet starts and keeps retrying as it does anyway.
     */
    private static boolean refused(String apiserver, ConnectOptions options) {
        try (ApiClient client = ApiClient.connect(apiserver, options)) {
            client.reviewAccess(new AccessCheck("get", "nodes", "", null, null, null, List.of()));
            return false;
        } catch (ApiException e) {
            return e.reason() == Reason.UNAUTHORIZED;
        }
    }

    private static String join(String apiserver, ConnectOptions base, String node, String bootstrapToken) {
        try (ApiClient client = ApiClient.connect(apiserver, base.withBearerToken(bootstrapToken))) {
            return client.issueNodeCredential(node);
        } catch (ApiException e) {
            if (e.reason() == Reason.UNAUTHORIZED) {
                throw new IllegalStateException("the apiserver refused the bootstrap token (unknown, expired or deleted);"
                        + " make a new one with `jctl token create` and pass it with --bootstrap-token-file");
            }
            throw e;
        }
    }

    /** Written to a temporary file of mode 0600 first, so no one can read it and no reader sees half of it. */
    private static void save(Path file, String credential) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".credential", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, credential + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
