package dev.jk8s.api.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyRulesTest {

    private static final PolicyRule READ_PODS = PolicyRule.resources(List.of("get", "list", "watch"), List.of(""),
            List.of("pods"));

    private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources) {
        return PolicyRule.resources(verbs, groups, resources);
    }

    /** rule, verb, apiGroup, resource, subresource, name, allowed. */
    static Stream<Arguments> resourceRequests() {
        PolicyRule status = rule(List.of("update"), List.of(""), List.of("pods/status"));
        PolicyRule anyStatus = rule(List.of("update"), List.of("*"), List.of("*/status"));
        PolicyRule podSubresources = rule(List.of("get"), List.of(""), List.of("pods/*"));
        PolicyRule named = rule(List.of("get", "list", "watch", "create", "update"), List.of(""), List.of("configmaps"))
                .withResourceNames(List.of("app-config", "other"));
        PolicyRule all = rule(List.of("*"), List.of("*"), List.of("*"));
        return Stream.of(
                allowed("exact verb, group and resource", READ_PODS, "get", "", "pods", null, "web", true),
                allowed("list without a name", READ_PODS, "list", "", "pods", null, null, true),
                allowed("verb not listed", READ_PODS, "delete", "", "pods", null, "web", false),
                allowed("resource not listed", READ_PODS, "get", "", "secrets", null, "s", false),
                allowed("group not listed", READ_PODS, "get", "apps", "pods", null, "web", false),
                allowed("null group is the core group", READ_PODS, "get", null, "pods", null, "web", true),
                allowed("resource does not cover its subresources", READ_PODS, "get", "", "pods", "log", "web", false),
                allowed("resource/subresource", status, "update", "", "pods", "status", "web", true),
                allowed("resource/subresource does not cover the resource", status, "update", "", "pods", null, "web", false),
                allowed("resource/subresource: other subresource", status, "update", "", "pods", "binding", "web", false),
                allowed("*/subresource on any resource", anyStatus, "update", "apps", "deployments", "status", "d", true),
                allowed("*/subresource does not cover resources", anyStatus, "update", "apps", "deployments", null, "d", false),
                allowed("*/subresource: other subresource", anyStatus, "update", "apps", "deployments", "scale", "d", false),
                allowed("resource/* is a plain name, as in Kubernetes", podSubresources, "get", "", "pods", "log", "web", false),
                allowed("resource/* does not cover the resource", podSubresources, "get", "", "pods", null, "web", false),
                allowed("resource/* is one resource's", podSubresources, "get", "", "nodes", "proxy", "n", false),
                allowed("* covers resources and subresources", all, "delete", "apps", "deployments", "scale", "d", true),
                allowed("* verb, group, resource", all, "deletecollection", "", "pods", null, null, true),
                allowed("no verb: only *", all, null, "", "pods", null, "web", true),
                allowed("no verb: not a listed one", READ_PODS, null, "", "pods", null, "web", false),
                allowed("resourceNames: a listed name", named, "get", "", "configmaps", null, "app-config", true),
                allowed("resourceNames: another name", named, "get", "", "configmaps", null, "db-config", false),
                allowed("resourceNames: update of a listed name", named, "update", "", "configmaps", null, "other", true),
                allowed("resourceNames: never list", named, "list", "", "configmaps", null, null, false),
                allowed("resourceNames: never watch", named, "watch", "", "configmaps", null, "", false),
                allowed("resourceNames: never create", named, "create", "", "configmaps", null, null, false));
    }

    private static Arguments allowed(String name, PolicyRule rule, String verb, String group, String resource,
                                     String subresource, String objectName, boolean allowed) {
        return Arguments.of(named(name, rule), verb, group, resource, subresource, objectName, allowed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceRequests")
    void allowsResourceRequestsAsKubernetes(PolicyRule rule, String verb, String group, String resource,
                                            String subresource, String name, boolean allowed) {
        assertThat(PolicyRules.allows(rule, verb, group, resource, subresource, name)).isEqualTo(allowed);
    }

    /** rule URLs, verb, path, allowed. */
    static Stream<Arguments> nonResourceRequests() {
        return Stream.of(
                Arguments.of(named("exact URL", List.of("/healthz")), "get", "/healthz", true),
                Arguments.of(named("other URL", List.of("/healthz")), "get", "/version", false),
                Arguments.of(named("exact URL is not a prefix", List.of("/healthz")), "get", "/healthz/ready", false),
                Arguments.of(named("suffix wildcard", List.of("/healthz/*")), "get", "/healthz/ready", true),
                Arguments.of(named("suffix wildcard needs its prefix", List.of("/healthz/*")), "get", "/healthz", false),
                Arguments.of(named("prefix without slash", List.of("/health*")), "get", "/healthz", true),
                Arguments.of(named("* is every URL", List.of("*")), "get", "/anything/at/all", true),
                Arguments.of(named("verb not listed", List.of("/healthz")), "post", "/healthz", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonResourceRequests")
    void allowsNonResourceRequestsAsKubernetes(List<String> urls, String verb, String path, boolean allowed) {
        PolicyRule rule = PolicyRule.nonResourceURLs(List.of("get", "head"), urls);

        assertThat(PolicyRules.allowsNonResource(rule, verb, path)).isEqualTo(allowed);
    }

    @Test
    void resourceRulesAndURLRulesDoNotCoverEachOther() {
        PolicyRule everyResource = rule(List.of("*"), List.of("*"), List.of("*"));
        PolicyRule everyURL = PolicyRule.nonResourceURLs(List.of("*"), List.of("*"));

        assertThat(PolicyRules.allowsNonResource(everyResource, "get", "/healthz")).isFalse();
        assertThat(PolicyRules.allows(everyURL, "get", "", "pods", null, "web")).isFalse();
    }
}
