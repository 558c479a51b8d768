package dev.jk8s.api.apps;

import dev.jk8s.api.LabelSelector;
import dev.jk8s.api.core.PodTemplateSpec;

/**
 * The desired pods ({@code replicas}, {@code selector}, {@code template}) and how to roll out a
 * new template ({@code strategy}, {@code minReadySeconds}, {@code progressDeadlineSeconds}), how
 * many old ReplicaSets to keep ({@code revisionHistoryLimit}) and whether rollout is {@code paused}.
 * {@code template} is never null; defaults fill the rest.
 */
public record DeploymentSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template,
                             DeploymentStrategy strategy, Integer minReadySeconds, Integer revisionHistoryLimit,
                             Boolean paused, Integer progressDeadlineSeconds) {

    public static final DeploymentSpec EMPTY = new DeploymentSpec(null, null, null, null, null, null, null, null);

    public DeploymentSpec {
        template = template == null ? new PodTemplateSpec(null, null) : template;
    }

    public DeploymentSpec withReplicas(Integer replicas) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withTemplate(PodTemplateSpec template) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withPaused(Boolean paused) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }

    public boolean isPaused() {
        return Boolean.TRUE.equals(paused);
    }
}
