package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Sensitive data for pods. {@code data} holds base64-encoded values, as on the wire;
 * {@code stringData} is a write-only convenience of plain strings, merged into {@code data} by
 * defaulting (so stored Secrets never have it). {@code type} defaults to {@value #OPAQUE}.
 * Maps are never null.
 */
public record Secret(String apiVersion, String kind, ObjectMeta metadata, Boolean immutable,
                     Map<String, String> data, Map<String, String> stringData, String type)
        implements ApiObject {

    public static final String OPAQUE = "Opaque";
    public static final String TLS = "kubernetes.io/tls";
    /** A ServiceAccount's token (Kubernetes' names): the account in two annotations, the token in {@code data}. */
    public static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    public static final String SERVICE_ACCOUNT_NAME_KEY = "kubernetes.io/service-account.name";
    public static final String SERVICE_ACCOUNT_UID_KEY = "kubernetes.io/service-account.uid";
    public static final String SERVICE_ACCOUNT_TOKEN_KEY = "token";

    public Secret {
        apiVersion = "v1";
        kind = "Secret";
        data = Values.map(data);
        stringData = Values.map(stringData);
    }

    /** A Secret with base64-encoded {@code data}. */
    public Secret(ObjectMeta metadata, Map<String, String> data) {
        this(null, null, metadata, null, data, null, null);
    }

    @Override
    public Secret withMetadata(ObjectMeta metadata) {
        return new Secret(apiVersion, kind, metadata, immutable, data, stringData, type);
    }

    public Secret withData(Map<String, String> data) {
        return new Secret(apiVersion, kind, metadata, immutable, data, stringData, type);
    }

    /**
     * The decoded bytes of one key of {@code data}; empty when absent.
     *
     * @throws IllegalArgumentException when the value is not base64 (validation refuses such Secrets)
     */
    public Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(data.get(key)).map(Base64.getDecoder()::decode);
    }

    /**
     * One key of {@code data} as UTF-8 text; empty when absent or not base64 (for readers that
     * must never fail on a value written behind validation's back, such as authenticators).
     */
    public Optional<String> text(String key) {
        try {
            return bytes(key).map(b -> new String(b, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code text} as a value of {@code data}: its UTF-8 bytes, base64-encoded. */
    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isImmutable() {
        return Boolean.TRUE.equals(immutable);
    }
}
