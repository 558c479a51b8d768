package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.BootstrapToken;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Secret;
import dev.jk8s.apiserver.registry.KindStore;
import java.security.SecureRandom;
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
        secrets.addIndex(INDEX, s -> TYPE.equals(s.type()) ? s.text(TOKEN_HASH).stream().toList() : List.of());
    }

    @Override
    public Optional<UserInfo> authenticate(String token) {
        return secrets.byIndex(INDEX, TokenHash.of(token)).stream()
                .filter(s -> s.metadata().deletionTimestamp() == null)
                .flatMap(s -> s.text(NODE_NAME).stream()).filter(n -> !n.isEmpty())
                .map(node -> new UserInfo(NodeAuthorizer.USER_PREFIX + node, "", List.of(NodeAuthorizer.NODES_GROUP)))
                .findFirst();
    }

    /**
     * A new credential for {@code node}, replacing any earlier one; the token is returned once and
     * only its hash is stored.
     */
    public String issue(String node) {
        String token = TokenHash.newToken(random);
        Secret secret = new Secret(null, null, ObjectMeta.builder().name(NAME_PREFIX + node).namespace(BootstrapToken.NAMESPACE)
                .build(), null, Map.of(NODE_NAME, Secret.encode(node), TOKEN_HASH, Secret.encode(TokenHash.of(token))), null, TYPE);
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
}
