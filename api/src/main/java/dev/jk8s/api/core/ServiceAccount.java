package dev.jk8s.api.core;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.Values;
import java.util.List;

/** An identity for the processes of pods ({@code spec.serviceAccountName}). Lists are never null. */
public record ServiceAccount(String apiVersion, String kind, ObjectMeta metadata, List<ObjectReference> secrets,
                             List<LocalObjectReference> imagePullSecrets, Boolean automountServiceAccountToken)
        implements ApiObject {

    public ServiceAccount {
        apiVersion = "v1";
        kind = "ServiceAccount";
        secrets = Values.list(secrets);
        imagePullSecrets = Values.list(imagePullSecrets);
    }

    public ServiceAccount(ObjectMeta metadata) {
        this(null, null, metadata, null, null, null);
    }

    @Override
    public ServiceAccount withMetadata(ObjectMeta metadata) {
        return new ServiceAccount(apiVersion, kind, metadata, secrets, imagePullSecrets, automountServiceAccountToken);
    }

    public ServiceAccount withSecrets(List<ObjectReference> secrets) {
        return new ServiceAccount(apiVersion, kind, metadata, secrets, imagePullSecrets, automountServiceAccountToken);
    }
}
