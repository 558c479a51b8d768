package dev.jk8s.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.rbac.PolicyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacEscalationTest {

    static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources) {
        return PolicyRule.resources(verbs, groups, resources);
    }

    @Test
    void aRuleIsCoveredWhenEveryRequestItAllowsIsAllowedByTheHeldRules() {
        List<PolicyRule> held = List.of(rule(List.of("get", "list"), List.of(""), List.of("pods", "pods/log")),
                rule(List.of("*"), List.of("apps"), List.of("deployments")));

        assertThat(RbacEscalation.covered(rule(List.of("get"), List.of(""), List.of("pods/log")), held)).isTrue();
        assertThat(RbacEscalation.covered(rule(List.of("delete", "update"), List.of("apps"), List.of("deployments")), held)).isTrue();
        assertThat(RbacEscalation.covered(rule(List.of("get"), List.of(""), List.of("pods")).withResourceNames(List.of("web")), held))
                .isTrue();
        assertThat(RbacEscalation.covered(rule(List.of("get", "watch"), List.of(""), List.of("pods")), held)).isFalse();
        assertThat(RbacEscalation.covered(rule(List.of("get"), List.of(""), List.of("pods/status")), held)).isFalse();
    }

    @Test
    void aWildcardIsCoveredOnlyByAWildcard() {
        List<PolicyRule> everyVerbOnPods = List.of(rule(List.of("*"), List.of(""), List.of("pods")));

        assertThat(RbacEscalation.covered(rule(List.of("*"), List.of(""), List.of("pods")), everyVerbOnPods)).isTrue();
        assertThat(RbacEscalation.covered(rule(List.of("get"), List.of(""), List.of("*")), everyVerbOnPods)).isFalse();
        assertThat(RbacEscalation.covered(rule(List.of("get"), List.of("*"), List.of("pods")), everyVerbOnPods)).isFalse();
        assertThat(RbacEscalation.covered(PolicyRule.nonResourceURLs(List.of("get"), List.of("/healthz")), everyVerbOnPods)).isFalse();
    }
}
