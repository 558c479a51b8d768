package dev.jk8s.ctl.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.ctl.Clients;
import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.KindClient;
import dev.jk8s.ctl.ObjectNames;

/**
 * Applies one manifest: reads the live object, plans ({@link ApplyPlanner}) and writes with
 * compare-and-swap on the live resourceVersion. When someone else wrote in between (Conflict),
 * the object appeared (AlreadyExists) or went away (NotFound), it reads and plans again.
 * Not thread-safe; one per apply run.
 */
public final class Applier {

    static final int MAX_ATTEMPTS = 10;

    private final Clients clients;
    private final String namespace;
    private final boolean namespaceExplicit;
    private final DryRun dryRun;

    /**
     * @param namespace         for manifests without one
     * @param namespaceExplicit whether {@code -n} was given: then manifests must not name another namespace
     */
    public Applier(Clients clients, String namespace, boolean namespaceExplicit, DryRun dryRun) {
        this.clients = clients;
        this.namespace = namespace;
        this.namespaceExplicit = namespaceExplicit;
        this.dryRun = dryRun;
    }

    /**
     * Applies a decoded manifest; returns kubectl's line, e.g. {@code configmap/app-config created}.
     *
     * @throws ApiException from the apiserver, or when the merged object does not decode
     * @throws CtlException when the manifest cannot be applied as written (no name, other namespace)
     */
    public String apply(Manifest m) {
        return apply(Kinds.of(m.object()), m.tree());
    }

    private <T extends ApiObject> String apply(Kind<T> kind, ObjectNode manifest) {
        ObjectNode desired = ApplyPlanner.desired(kind, manifest, namespace);
        String name = desired.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new CtlException("metadata.name is missing: apply finds the live object by name, so every manifest"
                    + " needs one (generateName is not supported by apply)");
        }
        String ns = ObjectNames.namespaceFor(kind, desired.path("metadata").path("namespace").asText(null));
        checkNamespace(ns);
        KindClient<T> client = clients.of(kind);
        for (int attempt = 1; ; attempt++) {
            ApplyPlanner.Plan plan = ApplyPlanner.plan(kind, desired, getOrNull(client, ns, name));
            try {
                return ObjectNames.ref(kind, name) + " " + execute(client, plan) + dryRun.suffix();
            } catch (ApiException e) {
                if (!raced(plan, e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void checkNamespace(String ns) {
        if (ns != null && namespaceExplicit && !ns.equals(namespace)) {
            throw new CtlException("the namespace from the provided object \"" + ns + "\" does not match the namespace \""
                    + namespace + "\"; pass --namespace=" + ns + " or leave -n out");
        }
    }

    private <T extends ApiObject> String execute(KindClient<T> client, ApplyPlanner.Plan plan) {
        Kind<T> kind = client.kind();
        boolean write = dryRun != DryRun.CLIENT;
        boolean serverDryRun = dryRun == DryRun.SERVER;
        return switch (plan.action()) {
            case CREATE -> {
                if (write) {
                    client.create(kind.cast(plan.object()), serverDryRun);
                }
                yield "created";
            }
            case UPDATE -> {
                if (write) {
                    client.update(kind.cast(withoutStatus(kind, plan.object())), serverDryRun);
                }
                yield "configured";
            }
            case UNCHANGED -> "unchanged";
        };
    }

    /** Status is only ever written through the status path; the apiserver would keep it anyway. */
    private static ApiObject withoutStatus(Kind<?> kind, ApiObject object) {
        if (!kind.hasStatus()) {
            return object;
        }
        ObjectNode tree = Codec.toTree(object);
        tree.remove("status");
        return Codec.fromTree(tree);
    }

    /** Whether the failure means the live object changed since it was read, so that a new plan may succeed. */
    private static boolean raced(ApplyPlanner.Plan plan, ApiException e) {
        return plan.action() == ApplyPlanner.Action.CREATE ? e.is(Reason.ALREADY_EXISTS)
                : e.is(Reason.CONFLICT) || e.is(Reason.NOT_FOUND);
    }

    private static <T extends ApiObject> T getOrNull(KindClient<T> client, String namespace, String name) {
        try {
            return client.get(namespace, name);
        } catch (ApiException e) {
            if (e.is(Reason.NOT_FOUND)) {
                return null;
            }
            throw e;
        }
    }
}
