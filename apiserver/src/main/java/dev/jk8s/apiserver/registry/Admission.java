package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;

/** Checks a create against the rest of the cluster's state, after validation and before storage. */
@FunctionalInterface
public interface Admission {

    /** @throws dev.jk8s.api.ApiException when the object may not be created */
    void admitCreate(Kind<?> kind, ApiObject object);
}
