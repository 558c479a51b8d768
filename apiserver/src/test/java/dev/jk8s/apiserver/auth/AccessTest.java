package dev.jk8s.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTest {

    static final UserInfo NODE = new UserInfo("system:node:n1", "", List.of("system:nodes"));

    @Test
    void aSubresourceAndAnAuthorizersReasonAppearInTheForbiddenMessage() {
        Access access = new Access(request -> Decision.deny("node 'n1' cannot touch pods of node 'n2'"));

        assertThatThrownBy(() -> access.check(new Attributes(NODE, "update", "", "pods", "status", "default", "web", null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN))
                .hasMessage("pods \"web\" is forbidden: User \"system:node:n1\" cannot update resource \"pods/status\" in API"
                        + " group \"\" in the namespace \"default\": node 'n1' cannot touch pods of node 'n2'");
    }

    @Test
    void aClusterScopedKindIsCheckedWithoutItsRequestsNamespace() {
        Access access = new Access(request -> request.namespace() == null ? Decision.NO_OPINION : Decision.allow(""));

        assertThatThrownBy(() -> access.check("get", Kinds.NODE, "", "default", "n1", null))
                .hasMessage("nodes \"n1\" is forbidden: User \"system:unsecured\" cannot get resource \"nodes\" in API group \"\""
                        + " at the cluster scope");
    }

    @Test
    void theFirstAuthorizerWithAnOpinionDecidesAndWithoutOneTheReasonsAreKept() {
        Authorizer allowAlice = r -> r.user().name().equals("alice") ? Decision.allow("") : Decision.noOpinion("not alice");
        Authorizer denyAll = r -> Decision.deny("closed");
        Attributes alice = new Attributes(new UserInfo("alice", "", List.of()), "get", "", "pods", "", "a", "p", null);
        Attributes bob = new Attributes(new UserInfo("bob", "", List.of()), "get", "", "pods", "", "a", "p", null);

        assertThat(Authorizer.union(List.of(allowAlice, denyAll)).authorize(alice).allowed()).isTrue();
        assertThat(Authorizer.union(List.of(allowAlice, denyAll)).authorize(bob)).isEqualTo(Decision.deny("closed"));
        assertThat(Authorizer.union(List.of(allowAlice, r -> Decision.noOpinion("nor bob"))).authorize(bob))
                .isEqualTo(Decision.deny("not alice; nor bob"));
        assertThat(Authorizer.privilegedGroups().authorize(new Attributes(new UserInfo("root", "", List.of(UserInfo.MASTERS)),
                "delete", "", "nodes", "", null, "n", null)).allowed()).isTrue();
    }
}
