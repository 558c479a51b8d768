package dev.jk8s.apiserver.auth;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.SecretVolumeSource;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.api.core.Volume;
import dev.jk8s.api.core.VolumeMount;
import dev.jk8s.apiserver.registry.Admission;
import dev.jk8s.apiserver.registry.KindStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kubernetes' ServiceAccount admission (with legacy token Secrets): a new pod runs as
 * {@code spec.serviceAccountName} ({@code default} when unset), which must exist; unless
 * {@code automountServiceAccountToken} is false (the pod's, else the account's), every container
 * gets the account's token Secret (keys {@code token}, {@code ca.crt}, {@code namespace})
 * mounted read-only at {@value #MOUNT_PATH}, as a secret volume named after the Secret. A pod
 * whose account has no token yet is refused with Kubernetes' words, and its controller retries.
 * Reads the caches; thread-safe.
 */
public final class ServiceAccountAdmission implements Admission {

    public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final String INDEX = "service-account-token-of";

    private final KindStore<ServiceAccount> accounts;
    private final KindStore<Secret> secrets;

    public ServiceAccountAdmission(KindStore<ServiceAccount> accounts, KindStore<Secret> secrets) {
        this.accounts = accounts;
        this.secrets = secrets;
        secrets.addIndex(INDEX, s -> Secret.SERVICE_ACCOUNT_TOKEN.equals(s.type())
                && s.metadata().annotations().containsKey(Secret.SERVICE_ACCOUNT_NAME_KEY)
                ? List.of(s.metadata().namespace() + "/" + s.metadata().annotations().get(Secret.SERVICE_ACCOUNT_NAME_KEY))
                : List.of());
    }

    @Override
    public void admitCreate(Kind<?> kind, ApiObject object) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends ApiObject> T mutateCreate(Kind<T> kind, T object) {
        return kind == (Kind<?>) Kinds.POD ? (T) admit((Pod) object) : object;
    }

    private Pod admit(Pod pod) {
        String ns = pod.metadata().namespace();
        String name = pod.spec().serviceAccountName() == null || pod.spec().serviceAccountName().isEmpty()
                ? "default" : pod.spec().serviceAccountName();
        ServiceAccount sa = accounts.cached(ns, name).orElseThrow(() -> forbidden(pod, "error looking up service account "
                + ns + "/" + name + ": serviceaccount \"" + name + "\" not found"));
        PodSpec spec = pod.spec().toBuilder().serviceAccountName(name).build();
        if (!automount(pod, sa) || mounted(spec)) {
            return pod.withSpec(spec);
        }
        Secret token = secrets.byIndex(INDEX, ns + "/" + name).stream()
                .filter(s -> sa.metadata().uid().equals(s.metadata().annotations().get(Secret.SERVICE_ACCOUNT_UID_KEY)))
                .filter(s -> s.metadata().deletionTimestamp() == null)
                .min(Comparator.comparing(s -> s.metadata().name()))
                .orElseThrow(() -> forbidden(pod, "no API token found for service account \"" + name
                        + "\", retry after the token is automatically created and added to the service account"));
        return pod.withSpec(withToken(spec, token.metadata().name()));
    }

    private static boolean automount(Pod pod, ServiceAccount sa) {
        Boolean own = pod.spec().automountServiceAccountToken();
        return own != null ? own : sa.automountServiceAccountToken() == null || sa.automountServiceAccountToken();
    }

    /** Whether some container already mounts something at the path (then nothing is added, as Kubernetes). */
    private static boolean mounted(PodSpec spec) {
        return Stream.concat(spec.initContainers().stream(), spec.containers().stream())
                .flatMap(c -> c.volumeMounts().stream()).anyMatch(m -> MOUNT_PATH.equals(m.mountPath()));
    }

    private static PodSpec withToken(PodSpec spec, String secret) {
        List<Volume> volumes = new ArrayList<>(spec.volumes());
        if (volumes.stream().noneMatch(v -> v.name().equals(secret))) {
            volumes.add(new Volume(secret, null, null, new SecretVolumeSource(secret, null, null, null), null));
        }
        VolumeMount mount = new VolumeMount(secret, true, MOUNT_PATH, null);
        return spec.toBuilder().volumes(volumes)
                .initContainers(spec.initContainers().stream().map(c -> withMount(c, mount)).toList())
                .containers(spec.containers().stream().map(c -> withMount(c, mount)).toList())
                .build();
    }

    private static Container withMount(Container c, VolumeMount mount) {
        List<VolumeMount> mounts = new ArrayList<>(c.volumeMounts());
        mounts.add(mount);
        return c.toBuilder().volumeMounts(mounts).build();
    }

    private static ApiException forbidden(Pod pod, String why) {
        String name = pod.metadata().name() == null ? "" : pod.metadata().name();
        return new ApiException(Reason.FORBIDDEN, "pods", name, "pods \"" + name + "\" is forbidden: " + why, List.of());
    }
}
