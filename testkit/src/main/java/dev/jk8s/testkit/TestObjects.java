package dev.jk8s.testkit;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kind;
import dev.jk8s.api.Kinds;
import java.util.List;
import java.util.Map;

/**
 * Object mothers: a minimal valid object of every kind, written as the manifests users write,
 * so tests read like what they stand for ({@code TestObjects.of(Kinds.POD, "web")}).
 */
public final class TestObjects {

    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("Namespace", ""),
            Map.entry("Node", "spec:\n  podCIDR: 10.244.1.0/24\n"),
            Map.entry("Pod", "spec:\n  containers:\n  - name: app\n    image: jk8s/busybox:latest\n"),
            Map.entry("ReplicaSet", "spec:\n  replicas: 2\n  selector:\n    matchLabels: {app: NAME}\n"
                    + "  template:\n    metadata:\n      labels: {app: NAME}\n    spec:\n      containers:\n"
                    + "      - name: app\n        image: jk8s/busybox:latest\n"),
            Map.entry("ReplicationController", "spec:\n  replicas: 2\n  selector: {app: NAME}\n"
                    + "  template:\n    metadata:\n      labels: {app: NAME}\n    spec:\n      containers:\n"
                    + "      - name: app\n        image: jk8s/busybox:latest\n"),
            Map.entry("Deployment", "spec:\n  replicas: 2\n  selector:\n    matchLabels: {app: NAME}\n"
                    + "  template:\n    metadata:\n      labels: {app: NAME}\n    spec:\n      containers:\n"
                    + "      - name: app\n        image: jk8s/busybox:latest\n"),
            Map.entry("Service", "spec:\n  selector: {app: NAME}\n  ports:\n  - port: 80\n    targetPort: 8080\n"),
            Map.entry("Endpoints", "subsets:\n- addresses:\n  - ip: 172.17.0.5\n  ports:\n  - port: 8080\n"),
            Map.entry("ServiceAccount", ""),
            Map.entry("Secret", "data:\n  password: c2VjcmV0\n"),
            Map.entry("ConfigMap", "data:\n  key: value\n"),
            Map.entry("Event", "involvedObject:\n  kind: Pod\n  namespace: NAMESPACE\n  name: NAME\n"
                    + "reason: Testing\nmessage: a test event\ntype: Normal\n"),
            Map.entry("Lease", "spec:\n  holderIdentity: test\n  leaseDurationSeconds: 15\n"),
            Map.entry("Role", "rules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get, list, watch]\n"),
            Map.entry("ClusterRole", "rules:\n- apiGroups: [\"\"]\n  resources: [nodes]\n  verbs: [get, list, watch]\n"),
            Map.entry("RoleBinding", "subjects:\n- {kind: User, name: jane}\n"
                    + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: NAME}\n"),
            Map.entry("ClusterRoleBinding", "subjects:\n- {kind: ServiceAccount, name: default, namespace: NAMESPACE}\n"
                    + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: NAME}\n"));

    private TestObjects() {
    }

    /** A minimal valid object of the kind, in namespace {@code default} when namespaced. */
    public static <T extends ApiObject> T of(Kind<T> kind, String name) {
        return of(kind, "default", name);
    }

    public static <T extends ApiObject> T of(Kind<T> kind, String namespace, String name) {
        String ns = kind.namespaced() ? "  namespace: " + namespace + "\n" : "";
        String yaml = "apiVersion: " + kind.apiVersion() + "\nkind: " + kind.kind() + "\nmetadata:\n  name: " + name + "\n"
                + ns + BODIES.get(kind.kind()).replace("NAMESPACE", namespace).replace("NAME", name);
        return kind.cast(parse(yaml));
    }

    /** Decodes one manifest; fails the test with the decoder's message if it is not valid. */
    public static ApiObject parse(String yaml) {
        List<Codec.Document> docs = Codec.readManifests(yaml, "test manifest");
        if (docs.size() != 1 || !docs.get(0).ok()) {
            throw new AssertionError("bad test manifest: " + (docs.isEmpty() ? "empty" : docs.get(0).error().getMessage()));
        }
        return docs.get(0).object();
    }

    /** Every kind the API serves, for tests that run once per kind. */
    public static List<Kind<?>> allKinds() {
        return Kinds.all();
    }
}
