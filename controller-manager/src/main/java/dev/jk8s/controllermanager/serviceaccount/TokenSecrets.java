package dev.jk8s.controllermanager.serviceaccount;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.auth.TokenHash;
import dev.jk8s.api.OwnerReference;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.client.informer.Keys;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a ServiceAccount's token Secret is, with Kubernetes' names: type {@value #TYPE},
 * annotations {@value #NAME_ANNOTATION} and {@value #UID_ANNOTATION}, data {@code token} and
 * {@code namespace} (base64-encoded, as every Secret's {@code data}). Pure, apart from the
 * randomness passed in; thread-safe.
 */
public final class TokenSecrets {

    public static final String TYPE = Secret.SERVICE_ACCOUNT_TOKEN;
    public static final String NAME_ANNOTATION = Secret.SERVICE_ACCOUNT_NAME_KEY;
    public static final String UID_ANNOTATION = Secret.SERVICE_ACCOUNT_UID_KEY;
    /** The keys of {@code data}. */
    public static final String TOKEN = Secret.SERVICE_ACCOUNT_TOKEN_KEY;
    public static final String NAMESPACE = "namespace";
    /** The cluster CA, for a pod to verify the apiserver with (Kubernetes' key). */
    public static final String CA = "ca.crt";

    /** Kubernetes' generated-name alphabet: lowercase alphanumerics without vowels, so no words. */
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX = 5;
    /** Kubernetes' limit on the prefix of a generated name, so that it stays a valid label (63). */
    private static final int MAX_PREFIX = 63 - SUFFIX;

    private TokenSecrets() {
    }

    /** The key ({@code namespace/name}) of the ServiceAccount {@code s} is a token of; empty when it is none's. */
    public static Optional<String> serviceAccountKey(Secret s) {
        String sa = s.metadata().annotations().get(NAME_ANNOTATION);
        if (!TYPE.equals(s.type()) || sa == null || sa.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Keys.of(s.metadata().namespace(), sa));
    }

    /** The uid annotation; empty when absent (a token Secret written by hand, which this controller leaves alone). */
    public static String serviceAccountUid(Secret s) {
        return s.metadata().annotations().getOrDefault(UID_ANNOTATION, "");
    }

    /** {@code <sa>-token-}, cut as Kubernetes cuts a generated name's prefix. */
    static String prefix(String serviceAccount) {
        String prefix = serviceAccount + "-token-";
        return prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
    }

    /** A fresh name: the prefix and 5 random characters. */
    static String newName(String serviceAccount, SecureRandom random) {
        StringBuilder name = new StringBuilder(prefix(serviceAccount));
        for (int i = 0; i < SUFFIX; i++) {
            name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return name.toString();
    }

    /** Whether {@code name} has the form {@link #newName} gives the ServiceAccount's token Secrets. */
    static boolean isGeneratedName(String serviceAccount, String name) {
        String prefix = prefix(serviceAccount);
        return name != null && name.length() == prefix.length() + SUFFIX && name.startsWith(prefix)
                && name.substring(prefix.length()).chars().allMatch(c -> NAME_CHARS.indexOf(c) >= 0);
    }

    /** A new API token (see {@link TokenHash#newToken}). */
    static String newToken(SecureRandom random) {
        return TokenHash.newToken(random);
    }

    /**
     * The token Secret {@code name} of {@code sa}, holding {@code token}: annotated with the
     * ServiceAccount's name and uid, controlled by it (so that a garbage collector can remove it
     * with its ServiceAccount).
     */
    static Secret of(ServiceAccount sa, String name, String token, String rootCa) {
        ObjectMeta meta = ObjectMeta.builder().namespace(sa.metadata().namespace()).name(name)
                .annotations(Map.of(NAME_ANNOTATION, sa.metadata().name(), UID_ANNOTATION, sa.metadata().uid()))
                .ownerReferences(List.of(OwnerReference.controllerOf(sa))).build();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TOKEN, Secret.encode(token));
        data.put(NAMESPACE, Secret.encode(sa.metadata().namespace()));
        if (rootCa != null) {
            data.put(CA, Secret.encode(rootCa));
        }
        return new Secret(null, null, meta, null, data, null, TYPE);
    }

    /** {@code s} with {@code ca.crt} set to {@code rootCa}; empty when it has that already or there is no CA to give. */
    static Optional<Secret> withCa(Secret s, String rootCa) {
        if (rootCa == null || Secret.encode(rootCa).equals(s.data().get(CA))) {
            return Optional.empty();
        }
        Map<String, String> data = new LinkedHashMap<>(s.data());
        data.put(CA, Secret.encode(rootCa));
        return Optional.of(new Secret(s.apiVersion(), s.kind(), s.metadata(), s.immutable(), data, null, s.type()));
    }

    /** The token {@code s} holds, decoded; empty when it has none. */
    public static Optional<String> token(Secret s) {
        return s.text(TOKEN);
    }
}
