package dev.jk8s.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.core.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kinds whose write path differs from the standard one, as in Kubernetes:
 * pods wait out a grace period once on a node, namespaces are finalized by the namespace
 * controller, nodes register with their status.
 */
final class Strategies {

    private static final Map<String, Strategy<?>> BY_RESOURCE = Map.of(
            "pods", new PodStrategy(),
            "namespaces", new NamespaceStrategy(),
            "nodes", new KeepStatusOnCreate(),
            "services", new ServiceStrategy());

    private Strategies() {
    }

    @SuppressWarnings("unchecked")
    static <T extends ApiObject> Strategy<T> forResource(String resource) {
        return (Strategy<T>) BY_RESOURCE.getOrDefault(resource, Strategy.standard());
    }

    @SuppressWarnings("unchecked")
    private static <T extends ApiObject> T withStatus(T object, Map<String, Object> status) {
        ObjectNode tree = Codec.toTree(object);
        ObjectNode s = tree.putObject("status");
        status.forEach((k, v) -> s.put(k, String.valueOf(v)));
        return (T) Codec.fromTree(tree);
    }

    /** Pods created get phase Pending; once bound to a node they terminate gracefully. */
    static final class PodStrategy implements Strategy<ApiObject> {
        @Override
        public ApiObject prepareForCreate(ApiObject pod, Instant now) {
            return withStatus(pod, Map.of("phase", "Pending"));
        }

        @Override
        public long gracePeriodSeconds(ApiObject pod, Long requested) {
            JsonNode tree = Codec.toTree(pod);
            String phase = tree.path("status").path("phase").asText("");
            boolean onNode = !tree.path("spec").path("nodeName").asText("").isEmpty();
            if (!onNode || phase.equals("Succeeded") || phase.equals("Failed")) {
                return 0; // no kubelet has to stop anything
            }
            if (requested != null) {
                return Math.max(0, requested);
            }
            return tree.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        }
    }

    /** Namespaces are Active when created and Terminating until the namespace controller empties them. */
    static final class NamespaceStrategy implements Strategy<ApiObject> {
        private static final String FINALIZER = "kubernetes";

        @Override
        public ApiObject prepareForCreate(ApiObject ns, Instant now) {
            ObjectNode tree = Codec.toTree(withStatus(ns, Map.of("phase", "Active")));
            ObjectNode spec = tree.with("spec");
            if (!spec.has("finalizers")) {
                spec.putArray("finalizers").add(FINALIZER);
            }
            return Codec.fromTree(tree);
        }

        @Override
        public List<String> extraFinalizers(ApiObject ns) {
            List<String> out = new ArrayList<>();
            Codec.toTree(ns).path("spec").path("finalizers").forEach(f -> out.add(f.asText()));
            return out;
        }

        @Override
        public ApiObject markTerminating(ApiObject ns) {
            return withStatus(ns, Map.of("phase", "Terminating"));
        }
    }

    /** An update that leaves out the allocated clusterIP keeps it, as Kubernetes does. */
    static final class ServiceStrategy implements Strategy<Service> {
        @Override
        public Service prepareForUpdate(Service next, Service old) {
            String ip = next.spec().clusterIP();
            if ((ip == null || ip.isEmpty()) && old.spec().clusterIP() != null && !old.spec().clusterIP().isEmpty()) {
                return next.withSpec(next.spec().withClusterIP(old.spec().clusterIP()));
            }
            return next;
        }
    }

    /** Nodes register with their capacity and conditions in the status. */
    static final class KeepStatusOnCreate implements Strategy<ApiObject> {
        @Override
        public ApiObject prepareForCreate(ApiObject object, Instant now) {
            return object;
        }
    }
}
