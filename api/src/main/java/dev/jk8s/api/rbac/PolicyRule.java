package dev.jk8s.api.rbac;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * One permission of a Role or ClusterRole: the {@code verbs} it allows on the {@code resources}
 * (optionally {@code resource/subresource}) of the {@code apiGroups}, optionally only on the
 * objects named in {@code resourceNames}; or, in ClusterRoles only, on {@code nonResourceURLs}
 * ({@code /healthz}, {@code /logs/*}). {@code "*"} stands for every verb, group or resource.
 * Whether a request is allowed is {@link PolicyRules}' question.
 *
 * <p>Lists are never null (absent is empty) and unmodifiable.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {

    /** {@code "*"}: every verb, API group, resource or (as a suffix) URL. */
    public static final String ALL = "*";

    public PolicyRule {
        verbs = Values.list(verbs);
        apiGroups = Values.list(apiGroups);
        resources = Values.list(resources);
        resourceNames = Values.list(resourceNames);
        nonResourceURLs = Values.list(nonResourceURLs);
    }

    /** A rule on resources of any name. */
    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, null, null);
    }

    /** A rule on non-resource URLs (ClusterRoles only). */
    public static PolicyRule nonResourceURLs(List<String> verbs, List<String> urls) {
        return new PolicyRule(verbs, null, null, null, urls);
    }

    public PolicyRule withResourceNames(List<String> names) {
        return new PolicyRule(verbs, apiGroups, resources, names, nonResourceURLs);
    }
}
