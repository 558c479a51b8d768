package dev.jk8s.controllermanager.serviceaccount;

import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What one ServiceAccount's token Secrets need, decided from the cached token Secrets annotated
 * with its name. Only Secrets carrying a uid annotation are this controller's to judge (one
 * written by hand without it is left alone, neither counted nor deleted): one whose uid is the
 * ServiceAccount's and that is not being deleted is {@code current}; one whose uid is another's
 * (the ServiceAccount was deleted and made again) or whose ServiceAccount is gone is deleted.
 * With no current token, one is created, unless the ServiceAccount or its namespace is being
 * deleted. Pure.
 *
 * @param current the token Secrets that stay and count
 * @param create  whether to create a token Secret
 * @param delete  the token Secrets to delete
 */
public record TokenPlan(List<Secret> current, boolean create, List<Secret> delete) {

    /**
     * @param sa                   the ServiceAccount; null when it is gone
     * @param tokens               the token Secrets annotated with its name, in its namespace
     * @param namespaceTerminating whether its namespace is being deleted (nothing may be created there)
     */
    public static TokenPlan of(ServiceAccount sa, List<Secret> tokens, boolean namespaceTerminating) {
        List<Secret> judged = tokens.stream().filter(s -> !TokenSecrets.serviceAccountUid(s).isEmpty()).toList();
        if (sa == null) {
            return new TokenPlan(List.of(), false, judged);
        }
        String uid = sa.metadata().uid();
        List<Secret> delete = judged.stream().filter(s -> !TokenSecrets.serviceAccountUid(s).equals(uid)).toList();
        List<Secret> current = judged.stream()
                .filter(s -> TokenSecrets.serviceAccountUid(s).equals(uid) && !s.metadata().isTerminating()).toList();
        boolean create = current.isEmpty() && !sa.metadata().isTerminating() && !namespaceTerminating;
        return new TokenPlan(current, create, delete);
    }

    /**
     * The ServiceAccount's {@code secrets} once it lists the current token Secrets {@code tokens}
     * and no longer lists token Secrets it named that are gone; empty when that is what it has.
     * References to other Secrets (a user's) are kept as they are.
     */
    public static Optional<List<ObjectReference>> references(ServiceAccount sa, Collection<String> tokens) {
        String name = sa.metadata().name();
        List<ObjectReference> refs = new ArrayList<>(sa.secrets().stream()
                .filter(r -> tokens.contains(r.name()) || !TokenSecrets.isGeneratedName(name, r.name())).toList());
        tokens.stream().sorted().filter(t -> refs.stream().noneMatch(r -> t.equals(r.name())))
                .forEach(t -> refs.add(new ObjectReference(null, null, t, null, null, null, null)));
        return refs.equals(sa.secrets()) ? Optional.empty() : Optional.of(List.copyOf(refs));
    }
}
