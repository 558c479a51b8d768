package dev.jk8s.ctl.create;

import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.rbac.PolicyRule;
import dev.jk8s.ctl.ObjectNames;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The flags of {@code create role} and {@code create clusterrole} and the rules kubectl makes of
 * them ({@code generateResourcePolicyRules}): one rule per API group, its resources in the order
 * given, the groups sorted, then one rule of the non-resource URLs. Resource names are resolved
 * as {@code jctl get} resolves them ({@code po} → {@code pods} in group "", {@code deploy} →
 * {@code deployments} in {@code apps}); a subresource ({@code pods/log}) is kept as written.
 */
final class RuleOptions {

    private static final List<String> RESOURCE_VERBS = List.of("*", "get", "delete", "list", "create", "update", "patch",
            "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate");
    private static final List<String> NON_RESOURCE_VERBS = List.of("*", "get", "post", "put", "delete", "patch", "head",
            "options");
    /** kubectl's specialVerbs: verbs that make sense on a few resources only ("group:resource"). */
    private static final Map<String, Set<String>> SPECIAL_VERBS = Map.of(
            "use", Set.of("policy:podsecuritypolicies", "extensions:podsecuritypolicies"),
            "bind", Set.of("rbac.authorization.k8s.io:roles", "rbac.authorization.k8s.io:clusterroles"),
            "escalate", Set.of("rbac.authorization.k8s.io:roles", "rbac.authorization.k8s.io:clusterroles"),
            "impersonate", Set.of(":users", ":serviceaccounts", ":groups", "authentication.k8s.io:userextras"));

    @Option(names = "--verb", split = ",", paramLabel = "VERB",
            description = "Verbs the rules allow (get, list, watch, create, update, patch, delete, * ...). Repeatable.")
    List<String> verbs = new ArrayList<>();

    @Option(names = "--resource", split = ",", paramLabel = "RESOURCE",
            description = "Resources the rules apply to: pods, deployments.apps, pods/log, * ... Repeatable.")
    List<String> resources = new ArrayList<>();

    @Option(names = "--resource-name", paramLabel = "NAME",
            description = "Only the objects of this name (not for list, watch or create). Repeatable.")
    List<String> resourceNames = new ArrayList<>();

    /** A resource as typed: {@code resource[.group][/subresource]}. */
    private record Typed(String resource, String group, String subresource) {
        static Typed parse(String typed) {
            int slash = typed.indexOf('/');
            String base = slash < 0 ? typed : typed.substring(0, slash);
            int dot = base.indexOf('.');
            return new Typed(dot < 0 ? base : base.substring(0, dot), dot < 0 ? "" : base.substring(dot + 1),
                    slash < 0 ? "" : typed.substring(slash + 1));
        }
    }

    /** A resource as the rule names it: group and plural, plus the subresource. */
    private record Resolved(String group, String resource) {
    }

    /** kubectl's: a {@code *} among the verbs stands for them all. */
    List<String> verbs() {
        return verbs.contains(PolicyRule.ALL) ? List.of(PolicyRule.ALL) : List.copyOf(verbs);
    }

    /**
     * The rules, with kubectl's checks: usage errors through {@code usage}, a warning on {@code err}
     * for a verb kubectl does not know.
     *
     * @throws dev.jk8s.ctl.CtlException for a resource the server does not have
     */
    List<PolicyRule> rules(List<String> urls, Function<String, RuntimeException> usage, PrintStream err) {
        if (verbs.isEmpty()) {
            throw usage.apply("at least one verb must be specified");
        }
        List<PolicyRule> rules = new ArrayList<>();
        if (!resources.isEmpty()) {
            verbs.stream().filter(v -> !RESOURCE_VERBS.contains(v))
                    .forEach(v -> err.println("Warning: '" + v + "' is not a standard resource verb"));
            rules.addAll(resourceRules(usage));
        }
        if (!urls.isEmpty()) {
            checkUrls(urls, usage);
            rules.add(PolicyRule.nonResourceURLs(verbs(), urls));
        }
        return rules;
    }

    private List<PolicyRule> resourceRules(Function<String, RuntimeException> usage) {
        Map<String, Set<String>> byGroup = new TreeMap<>();
        for (String typed : resources) {
            Typed t = Typed.parse(typed);
            Resolved r = resolve(t, usage);
            String resource = t.subresource().isEmpty() ? r.resource() : r.resource() + "/" + t.subresource();
            byGroup.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(resource);
        }
        return byGroup.entrySet().stream().map(e -> PolicyRule.resources(verbs(), List.of(e.getKey()),
                List.copyOf(e.getValue())).withResourceNames(resourceNames)).toList();
    }

    private Resolved resolve(Typed t, Function<String, RuntimeException> usage) {
        if (t.resource().isEmpty()) {
            throw usage.apply("resource must be specified if apiGroup/subresource specified");
        }
        if (t.resource().equals(PolicyRule.ALL)) {
            return new Resolved(t.group(), t.resource());
        }
        String name = t.group().isEmpty() ? t.resource() : t.resource() + "." + t.group();
        Kind<?> kind = Kinds.byName(name).orElse(null);
        Resolved r = kind == null ? new Resolved(t.group(), t.resource()) : new Resolved(kind.group(), kind.resource());
        boolean special = false;
        for (String verb : verbs) {
            Set<String> allowed = SPECIAL_VERBS.get(verb);
            if (allowed != null && !allowed.contains(r.group() + ":" + r.resource())) {
                throw usage.apply("can not perform '" + verb + "' on '" + r.resource() + "' in group '" + r.group() + "'");
            }
            special |= allowed != null;
        }
        if (kind == null && !special) {
            ObjectNames.kind(name); // throws kubectl's "the server doesn't have a resource type"
        }
        return r;
    }

    private void checkUrls(List<String> urls, Function<String, RuntimeException> usage) {
        verbs.stream().filter(v -> !NON_RESOURCE_VERBS.contains(v)).findFirst().ifPresent(v -> {
            throw usage.apply("invalid verb: '" + v + "' for nonResourceURL");
        });
        for (String url : urls) {
            if (url.equals(PolicyRule.ALL)) {
                continue;
            }
            if (!url.startsWith("/")) {
                throw usage.apply("nonResourceURL should start with /");
            }
            if (url.substring(0, url.length() - 1).contains("*")) {
                throw usage.apply("nonResourceURL only supports wildcard matches when '*' is at the end");
            }
        }
    }
}
