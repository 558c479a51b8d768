package dev.jk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.validation.MetaValidation;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: decode one manifest, and run it through the apiserver's default-then-validate steps. */
final class Manifests {

    private Manifests() {
    }

    /** Decodes a manifest that must hold exactly one object without error. */
    static ApiObject decodeOne(String yaml) {
        List<Codec.Document> docs = Codec.readManifests(yaml, "test.yaml");
        assertThat(docs).hasSize(1);
        Codec.Document doc = docs.get(0);
        assertThat(doc.error()).as("decoding error").isNull();
        return doc.object();
    }

    static <T extends ApiObject> T defaulted(T object) {
        return Kinds.of(object).applyDefaults(object);
    }

    /** What the apiserver checks on create: metadata, then the kind's rules, on the defaulted object. */
    static List<FieldError> validate(ApiObject object) {
        return validateDefaulted(defaulted(object));
    }

    static <T extends ApiObject> List<FieldError> validateDefaulted(T object) {
        Kind<T> kind = Kinds.of(object);
        List<FieldError> all = new ArrayList<>(MetaValidation.validate(object.metadata(), kind));
        all.addAll(kind.validator().validate(object));
        return all;
    }

    /** What the apiserver checks on update, both objects defaulted. */
    static <T extends ApiObject> List<FieldError> validateUpdate(T object, T old) {
        Kind<T> kind = Kinds.of(object);
        return kind.validator().validateUpdate(kind.applyDefaults(object), kind.applyDefaults(old));
    }
}
