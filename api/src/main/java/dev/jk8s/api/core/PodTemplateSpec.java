package dev.jk8s.api.core;

import dev.jk8s.api.ObjectMeta;

/**
 * The pods a ReplicaSet or Deployment makes: their metadata (labels, annotations) and spec.
 * Neither part is ever null (absent means empty).
 */
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec) {

    public PodTemplateSpec {
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? PodSpec.EMPTY : spec;
    }

    public PodTemplateSpec withMetadata(ObjectMeta metadata) {
        return new PodTemplateSpec(metadata, spec);
    }

    public PodTemplateSpec withSpec(PodSpec spec) {
        return new PodTemplateSpec(metadata, spec);
    }
}
