package dev.jk8s.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes API objects as JSON (the wire and storage encoding) and YAML (manifests).
 * There is exactly one mapping, derived from the model records, so a manifest from the
 * Kubernetes documentation, a gRPC payload and an etcd value all decode the same way.
 *
 * <p>Decoding is strict, as {@code kubectl apply} is: unknown fields, unknown kinds and wrong
 * types fail with an {@link ApiException} (BadRequest) whose message names the document, the
 * object and the field path. Thread-safe.
 */
public final class Codec {

    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML = configure(new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "13" must stay a string (resourceVersion), or the printed YAML would not decode again
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build()));

    private Codec() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.registerModule(new JavaTimeModule());
        m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        // Leave out empty fields, but keep empty strings inside maps: a label "tier: \"\"" or a
        // ConfigMap key with an empty value is data, and dropping it would change the object.
        m.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_NULL));
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        m.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        return m;
    }

    /** One document of a manifest: the decoded object, or the error that names what is wrong. */
    public record Document(String source, int index, ApiObject object, ApiException error) {
        public boolean ok() {
            return error == null;
        }

        /** "web.yaml, document 2" — how messages point at a document. */
        public String where() {
            return source + ", document " + index;
        }
    }

    // ---- writing ----

    public static byte[] encode(ApiObject object) {
        try {
            return JSON.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toTree(ApiObject object) {
        return JSON.valueToTree(object);
    }

    // ---- reading ----

    /** Decodes one JSON object whose apiVersion and kind say what it is. */
    public static ApiObject decode(byte[] json) {
        return fromTree(readTree(json));
    }

    /**
     * Decodes one JSON object that must be of the given kind. The common case (the object says it
     * is that kind, as clients and storage write it) binds straight from the bytes; anything else
     * takes the careful path that explains what is wrong.
     */
    public static <T extends ApiObject> T decode(byte[] json, Kind<T> kind) {
        if (declaresKind(json, kind)) {
            try {
                return JSON.readerFor(kind.type()).readValue(json);
            } catch (IOException e) {
                if (!(e instanceof JsonProcessingException p)) {
                    throw new UncheckedIOException(e);
                }
                throw bindingError(p, kind, nameIn(readTree(json)));
            }
        }
        ApiObject object = fromTree(readTree(json));
        if (object.getClass() != kind.type()) {
            throw ApiException.badRequest("expected kind " + kind.kind() + " but the object is a " + object.kind()
                    + "; send it to the " + Kinds.of(object).resource() + " resource instead");
        }
        return kind.cast(object);
    }

    /** Whether the object's top-level apiVersion and kind are the kind's; reads only as far as it must. */
    private static boolean declaresKind(byte[] json, Kind<?> kind) {
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            String apiVersion = null;
            String k = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && (apiVersion == null || k == null)) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("apiVersion") || field.equals("kind")) {
                    String v = p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : "";
                    apiVersion = field.equals("apiVersion") ? v : apiVersion;
                    k = field.equals("kind") ? v : k;
                } else {
                    p.skipChildren();
                }
            }
            return kind.kind().equals(k) && kind.apiVersion().equals(apiVersion);
        } catch (IOException e) {
            return false; // the careful path reports it
        }
    }

    /** Binds a JSON tree to the model class its apiVersion and kind name. */
    public static ApiObject fromTree(JsonNode tree) {
        Kind<?> kind = kindOf(tree);
        try {
            return JSON.treeToValue(tree, kind.type());
        } catch (JsonProcessingException e) {
            throw bindingError(e, kind, nameIn(tree));
        }
    }

    /**
     * Reads every document of a YAML or JSON manifest (multi-document YAML and {@code kind: List}
     * are expanded). A failing document does not stop the others: it comes back with its error.
     * A syntax error ends the file, since nothing after it can be trusted.
     */
    public static List<Document> readManifests(String text, String source) {
        List<Document> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                // An empty document (e.g. after a trailing `---`) is no object, and no error: kubectl skips it.
                boolean empty = node == null || node.isNull() || node.isMissingNode() || node.isTextual() && node.asText().isBlank();
                if (!empty) {
                    addDocument(docs, node, source);
                }
            }
        } catch (IOException | RuntimeException e) {
            docs.add(new Document(source, docs.size() + 1, null, ApiException.badRequest(
                    source + ", document " + (docs.size() + 1) + ": the file is not valid YAML or JSON: "
                            + syntaxMessage(e))));
        }
        return docs;
    }

    private static void addDocument(List<Document> docs, JsonNode node, String source) {
        if ("List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
            node.path("items").forEach(item -> addDocument(docs, item, source));
            return;
        }
        int index = docs.size() + 1;
        try {
            docs.add(new Document(source, index, fromTree(node), null));
        } catch (ApiException e) {
            docs.add(new Document(source, index, null, new ApiException(e.reason(), e.resource(), e.name(),
                    source + ", document " + index + ": " + e.getMessage(), e.causes())));
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw ApiException.badRequest("the object is not valid JSON: " + syntaxMessage(e));
        }
    }

    private static Kind<?> kindOf(JsonNode tree) {
        if (!tree.isObject()) {
            throw ApiException.badRequest("expected an object with apiVersion and kind, got " + tree.getNodeType());
        }
        String kind = tree.path("kind").asText("");
        String apiVersion = tree.path("apiVersion").asText("");
        String name = nameIn(tree);
        if (kind.isEmpty()) {
            throw ApiException.badRequest("object \"" + name + "\": kind is required; add e.g. \"kind: Deployment\"");
        }
        Kind<?> k = Kinds.byKind(kind).orElseThrow(() -> ApiException.badRequest(
                "no kind \"" + kind + "\" is known (object \"" + name + "\"); known kinds: " + Kinds.kindNames()));
        if (!apiVersion.equals(k.apiVersion())) {
            throw ApiException.badRequest(k.kind() + " \"" + name + "\": apiVersion \"" + apiVersion
                    + "\" is not served for this kind; use apiVersion: " + k.apiVersion());
        }
        return k;
    }

    private static String nameIn(JsonNode tree) {
        JsonNode meta = tree.path("metadata");
        String name = meta.path("name").asText("");
        return name.isEmpty() ? meta.path("generateName").asText("") : name;
    }

    private static ApiException bindingError(JsonProcessingException e, Kind<?> kind, String name) {
        String path = path(e);
        String why = BindingMessages.describe(e);
        String message = kind.resource() + " \"" + name + "\": " + (path.isEmpty() ? why : path + ": " + why);
        return new ApiException(Reason.BAD_REQUEST, kind.resource(), name, message,
                List.of(new FieldError(path, why)));
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String syntaxMessage(Exception e) {
        String msg = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            msg += " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
        }
        return msg == null ? e.getClass().getSimpleName() : msg.replaceAll("\\s+", " ");
    }
}
