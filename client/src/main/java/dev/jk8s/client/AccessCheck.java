package dev.jk8s.client;

import java.util.List;

/**
 * A question for {@link ApiClient#reviewAccess}: may the caller (or {@code user}, with
 * {@code groups}; asking about another user needs the right to impersonate) {@code verb} the
 * {@code resource} ({@code subresource} such as {@code status}, empty for none) in
 * {@code namespace} (null: cluster scope or every namespace), named {@code name} (null: any)?
 * Immutable.
 */
public record AccessCheck(String verb, String resource, String subresource, String namespace, String name, String user,
                          List<String> groups) {

    public AccessCheck {
        subresource = subresource == null ? "" : subresource;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The answer: allowed or not, why (when an authorizer said), and about whom. */
    public record Answer(boolean allowed, String reason, String user) {
    }
}
