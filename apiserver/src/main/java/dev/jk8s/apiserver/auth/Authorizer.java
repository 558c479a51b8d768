package dev.jk8s.apiserver.auth;

import java.util.List;

/** Decides whether a user may make a request. Answers from memory; thread-safe. */
@FunctionalInterface
public interface Authorizer {

    Decision authorize(Attributes request);

    /**
     * Kubernetes' authorizer chain: asks each in turn; the first to allow or deny decides. When
     * nobody does, the request is denied with the reasons given so far (joined by "; ").
     */
    static Authorizer union(List<Authorizer> authorizers) {
        List<Authorizer> all = List.copyOf(authorizers);
        return request -> {
            StringBuilder reasons = new StringBuilder();
            for (Authorizer a : all) {
                Decision d = a.authorize(request);
                if (d.verdict() != Decision.Verdict.NO_OPINION) {
                    return d;
                }
                if (!d.reason().isEmpty()) {
                    reasons.append(reasons.length() == 0 ? "" : "; ").append(d.reason());
                }
            }
            return Decision.deny(reasons.toString());
        };
    }

    /** Members of {@value UserInfo#MASTERS} may do anything (Kubernetes' privileged-groups authorizer). */
    static Authorizer privilegedGroups() {
        return request -> request.user().inGroup(UserInfo.MASTERS) ? Decision.allow("") : Decision.NO_OPINION;
    }
}
