package dev.jk8s.ctl.describe;

import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.api.rbac.RoleRef;
import dev.jk8s.api.rbac.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code describe} shows of the RBAC kinds, as kubectl: a role's rules as a PolicyRule table
 * (one row per group, resource and name, the verbs of every rule on it merged, sorted as kubectl
 * sorts them); a binding's role and its subjects. Pure.
 */
final class RbacDescription {

    private RbacDescription() {
    }

    static void rules(DescribeText out, List<PolicyRule> rules) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Resources", "Non-Resource URLs", "Resource Names", "Verbs"));
        compact(rules).stream().sorted(Comparator.comparing(RbacDescription::sortKey)).forEach(r -> rows.add(List.of(
                resource(r), list(r.nonResourceURLs()), list(r.resourceNames()), list(r.verbs()))));
        out.heading(0, "PolicyRule").table(rows);
    }

    static void binding(DescribeText out, RoleRef ref, List<Subject> subjects) {
        out.heading(0, "Role");
        out.field(2, 7, "Kind", ref.kind());
        out.field(2, 7, "Name", ref.name());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Kind", "Name", "Namespace"));
        subjects.forEach(s -> rows.add(List.of(s.kind(), s.name(), s.namespace())));
        out.heading(0, "Subjects").table(rows);
    }

    /**
     * kubectl's {@code BreakdownRule} then {@code CompactRules}: one rule per group, resource and
     * name (or per URL), the verbs of rules on the same resource and name merged in order.
     */
    private static List<PolicyRule> compact(List<PolicyRule> rules) {
        Map<List<String>, PolicyRule> byResource = new LinkedHashMap<>();
        List<PolicyRule> urls = new ArrayList<>();
        for (PolicyRule rule : rules) {
            for (PolicyRule one : breakdown(rule)) {
                if (!one.nonResourceURLs().isEmpty()) {
                    urls.add(one);
                } else {
                    byResource.merge(List.of(one.apiGroups(), one.resources(), one.resourceNames()).stream()
                            .map(String::valueOf).toList(), one, RbacDescription::mergeVerbs);
                }
            }
        }
        urls.addAll(byResource.values());
        return urls;
    }

    private static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> out = new ArrayList<>();
        for (String group : rule.apiGroups()) {
            for (String resource : rule.resources()) {
                PolicyRule one = PolicyRule.resources(rule.verbs(), List.of(group), List.of(resource));
                if (rule.resourceNames().isEmpty()) {
                    out.add(one);
                }
                rule.resourceNames().forEach(name -> out.add(one.withResourceNames(List.of(name))));
            }
        }
        rule.nonResourceURLs().forEach(url -> out.add(PolicyRule.nonResourceURLs(rule.verbs(), List.of(url))));
        return out;
    }

    private static PolicyRule mergeVerbs(PolicyRule a, PolicyRule b) {
        List<String> verbs = new ArrayList<>(a.verbs());
        b.verbs().stream().filter(v -> !verbs.contains(v)).forEach(verbs::add);
        return new PolicyRule(verbs, a.apiGroups(), a.resources(), a.resourceNames(), a.nonResourceURLs());
    }

    /** kubectl sorts the rows by the Go text of the rule, which starts with its verbs. */
    private static String sortKey(PolicyRule r) {
        return "&PolicyRule{Verbs:" + list(r.verbs()) + ",APIGroups:" + list(r.apiGroups()) + ",Resources:"
                + list(r.resources()) + ",ResourceNames:" + list(r.resourceNames()) + ",NonResourceURLs:"
                + list(r.nonResourceURLs()) + ",}";
    }

    /** kubectl's {@code CombineResourceGroup}: {@code pods}, {@code deployments.apps}, {@code deployments.apps/scale}. */
    private static String resource(PolicyRule r) {
        if (r.resources().isEmpty()) {
            return "";
        }
        String[] parts = r.resources().get(0).split("/", 2);
        String group = r.apiGroups().isEmpty() || r.apiGroups().get(0).isEmpty() ? "" : "." + r.apiGroups().get(0);
        return parts[0] + group + (parts.length == 2 ? "/" + parts[1] : "");
    }

    /** Go's {@code %v} of a string slice: {@code [get list]}. */
    private static String list(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }
}
