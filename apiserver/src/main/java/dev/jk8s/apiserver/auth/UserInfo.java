package dev.jk8s.apiserver.auth;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Who made a request, as an authenticator established it: Kubernetes' {@code user.Info}. The
 * name is what RBAC subjects of kind User match ({@code admin},
 * {@code system:serviceaccount:shop:default}, {@code system:node:node-1}); the groups what
 * subjects of kind Group match. Every authenticated user is in {@value #AUTHENTICATED}.
 * Immutable.
 */
public record UserInfo(String name, String uid, List<String> groups) {

    /** Every authenticated user's group. */
    public static final String AUTHENTICATED = "system:authenticated";
    /** Allowed everything, before any other authorizer is asked (Kubernetes' privileged group). */
    public static final String MASTERS = "system:masters";

    public UserInfo {
        Objects.requireNonNull(name);
        uid = uid == null ? "" : uid;
        groups = groups.contains(AUTHENTICATED) ? List.copyOf(groups)
                : Stream.concat(groups.stream(), Stream.of(AUTHENTICATED)).toList();
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
