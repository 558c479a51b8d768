package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Secret;
import dev.jk8s.apiserver.registry.KindStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nodes' own credentials: what a kubelet gets for its bootstrap token and uses from then on. A
 * credential is a random token whose hash is kept in the Secret
 * {@code kube-system/node-credential-<node>} (type {@value #TYPE}, data {@code node-name} and
 * {@code token-hash}); its user is {@code system:node:<node>} in group
 * {@value NodeAuthorizer#NODES_GROUP}. Issuing one for a node replaces the node's earlier
 * credential; deleting the Secret revokes it. Thread-safe.
 */
public final class NodeCredentials implements Authenticator {

    public static final String TYPE = "jk8s.dev/node-credential";
    public static final String NAME_PREFIX = "node-credential-";
    static final String NODE_NAME = "node-name";
    static final String TOKEN_HASH = "token-hash";
    private static final String INDEX = "node-credential-hash";

    private final KindStore<Secret> secrets;
    private final SecureRandom random = new SecureRandom();

    public NodeCredentials(KindStore<Secret> secrets) {
        this.secrets = secrets;
        secrets.addIndex(INDEX, s -> TYPE.equals(s.type()) && BootstrapToken.data(s, TOKEN_HASH) != null
                ? List.of(BootstrapToken.data(s, TOKEN_HASH)) : List.of());
    }

    @Override
    public Optional<UserInfo> authenticate(String token) {
        return secrets.byIndex(INDEX, TokenHash.of(token)).stream()
                .filter(s -> s.metadata().deletionTimestamp() == null)
                .map(s -> BootstrapToken.data(s, NODE_NAME)).filter(n -> n != null && !n.isEmpty())
                .map(node -> new UserInfo(NodeAuthorizer.USER_PREFIX + node, "", List.of(NodeAuthorizer.NODES_GROUP)))
                .findFirst();
    }

    /**
     * A new credential for {@code node}, replacing any earlier one; the token is returned once and
     * only its hash is stored.
     */
    public String issue(String node) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Secret secret = new Secret(null, null, ObjectMeta.builder().name(NAME_PREFIX + node).namespace(BootstrapToken.NAMESPACE)
                .build(), null, Map.of(NODE_NAME, encode(node), TOKEN_HASH, encode(TokenHash.of(token))), null, TYPE);
        try {
            secrets.create(BootstrapToken.NAMESPACE, secret, false);
        } catch (ApiException e) {
            if (!ApiException.isAlreadyExists(e)) {
                throw e;
            }
            secrets.update(BootstrapToken.NAMESPACE, secret, false); // no resourceVersion: replaces whatever is there
        }
        return token;
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
