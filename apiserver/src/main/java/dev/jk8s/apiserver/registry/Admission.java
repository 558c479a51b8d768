package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import java.util.List;

/**
 * Admission of creates, as Kubernetes' admission chain: {@link #mutateCreate} may change the
 * object after defaulting and before validation (a mutating plugin); {@link #admitCreate} checks
 * it against the rest of the cluster's state after validation and before storage.
 */
@FunctionalInterface
public interface Admission {

    /** @throws dev.jk8s.api.ApiException when the object may not be created */
    void admitCreate(Kind<?> kind, ApiObject object);

    /**
     * The object to create in place of {@code object} (the same one when nothing changes).
     *
     * @throws dev.jk8s.api.ApiException when the object may not be created
     */
    default <T extends ApiObject> T mutateCreate(Kind<T> kind, T object) {
        return object;
    }

    /** Each of {@code admissions} in turn: every mutation, then every check. */
    static Admission chain(List<Admission> admissions) {
        return new Admission() {
            @Override
            public void admitCreate(Kind<?> kind, ApiObject object) {
                admissions.forEach(a -> a.admitCreate(kind, object));
            }

            @Override
            public <T extends ApiObject> T mutateCreate(Kind<T> kind, T object) {
                T result = object;
                for (Admission a : admissions) {
                    result = a.mutateCreate(kind, result);
                }
                return result;
            }
        };
    }
}
