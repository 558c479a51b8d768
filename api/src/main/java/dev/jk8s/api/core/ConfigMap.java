package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Values;
import java.util.Map;

/** Configuration data for pods, as string values ({@code data}) or base64 bytes ({@code binaryData}). */
public record ConfigMap(String apiVersion, String kind, ObjectMeta metadata,
                        Map<String, String> data, Map<String, String> binaryData, Boolean immutable)
        implements ApiObject {

    public ConfigMap {
        apiVersion = "v1";
        kind = "ConfigMap";
        data = Values.map(data);
        binaryData = Values.map(binaryData);
    }

    public ConfigMap(ObjectMeta metadata, Map<String, String> data) {
        this(null, null, metadata, data, null, null);
    }

    @Override
    public ConfigMap withMetadata(ObjectMeta metadata) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }

    public ConfigMap withData(Map<String, String> data) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }
}
