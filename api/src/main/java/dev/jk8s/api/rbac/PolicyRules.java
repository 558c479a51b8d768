package dev.jk8s.api.rbac;

import java.util.List;

/**
 * Whether a {@link PolicyRule} allows a request: Kubernetes' {@code RuleAllows}
 * ({@code plugin/pkg/auth/authorizer/rbac/rbac.go}) and its matchers
 * ({@code pkg/apis/rbac/v1/evaluation_helpers.go}). Pure and thread-safe. A null argument means
 * the same as {@code ""} (the core group, no subresource, no name).
 *
 * <ul>
 *   <li>verbs, apiGroups and resources match exactly or by {@code "*"};</li>
 *   <li>a request for a subresource ({@code pods/status}) matches only a rule that lists
 *       {@code pods/status}, {@code *&#47;status} or {@code *}: listing {@code pods} allows nothing of
 *       {@code pods/log}, and {@code pods/*} is a plain name that no request has (as in Kubernetes'
 *       {@code ResourceMatches}).</li>
 *   <li>{@code resourceNames}, when not empty, must contain the request's name. Requests that
 *       carry no name never match such a rule, so it can allow neither {@code list}, {@code watch},
 *       {@code create} nor {@code deletecollection}: "Note: You cannot restrict create or
 *       deletecollection requests by their resource name" (Kubernetes RBAC documentation,
 *       "Referring to resources").</li>
 *   <li>a non-resource URL matches exactly, or by prefix when the rule's URL ends in {@code *}
 *       ({@code /logs/*}); {@code *} alone matches every URL.</li>
 * </ul>
 */
public final class PolicyRules {

    private PolicyRules() {
    }

    /** Whether the rule allows {@code verb} on {@code resource[/subresource]} of {@code apiGroup} named {@code name}. */
    public static boolean allows(PolicyRule rule, String verb, String apiGroup, String resource, String subresource,
                                 String name) {
        return matches(rule.verbs(), nz(verb))
                && matches(rule.apiGroups(), nz(apiGroup))
                && resourceMatches(rule.resources(), nz(resource), nz(subresource))
                && (rule.resourceNames().isEmpty() || rule.resourceNames().contains(nz(name)));
    }

    /** Whether the rule allows {@code verb} (lower-case HTTP method: get, post...) on the non-resource URL {@code path}. */
    public static boolean allowsNonResource(PolicyRule rule, String verb, String path) {
        return matches(rule.verbs(), nz(verb)) && rule.nonResourceURLs().stream().anyMatch(url -> urlMatches(url, nz(path)));
    }

    private static boolean matches(List<String> values, String requested) {
        return values.contains(PolicyRule.ALL) || values.contains(requested);
    }

    private static boolean resourceMatches(List<String> resources, String resource, String subresource) {
        if (resources.contains(PolicyRule.ALL)) {
            return true;
        }
        if (subresource.isEmpty()) {
            return resources.contains(resource);
        }
        // as Kubernetes: "*/status" covers every status, but "pods/*" is just a name no request has
        return resources.contains(resource + "/" + subresource) || resources.contains("*/" + subresource);
    }

    private static boolean urlMatches(String url, String path) {
        if (url.equals(PolicyRule.ALL) || url.equals(path)) {
            return true;
        }
        return url.endsWith("*") && path.startsWith(url.replaceFirst("\\*+$", ""));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
