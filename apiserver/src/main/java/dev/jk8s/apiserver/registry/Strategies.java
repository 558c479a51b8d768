package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceSpec;
import dev.jk8s.api.core.NamespaceStatus;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Service;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kinds whose write path differs from the standard one, as in Kubernetes:
 * pods wait out a grace period once on a node, namespaces are finalized by the namespace
 * controller, nodes register with their status, services keep their allocated clusterIP.
 */
final class Strategies {

    private static final Map<String, Strategy<?>> BY_RESOURCE = Map.of(
            "pods", new PodStrategy(),
            "namespaces", new NamespaceStrategy(),
            "nodes", new NodeStrategy(),
            "services", new ServiceStrategy());

    private Strategies() {
    }

    @SuppressWarnings("unchecked")
    static <T extends ApiObject> Strategy<T> forResource(String resource) {
        return (Strategy<T>) BY_RESOURCE.getOrDefault(resource, Strategy.standard());
    }

    /** Pods created get phase Pending; once bound to a node they terminate gracefully. */
    static final class PodStrategy implements Strategy<Pod> {
        @Override
        public Pod prepareForCreate(Pod pod, Instant now) {
            return pod.withStatus(pod.status().withPhase(PodStatus.PENDING));
        }

        @Override
        public long gracePeriodSeconds(Pod pod, Long requested) {
            String phase = pod.status().phase();
            boolean onNode = pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
            if (!onNode || PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase)) {
                return 0; // no kubelet has anything to stop
            }
            if (requested != null) {
                return Math.max(0, requested);
            }
            Long own = pod.spec().terminationGracePeriodSeconds();
            return own == null ? 30 : own;
        }
    }

    /** Namespaces are Active when created and Terminating until the namespace controller empties them. */
    static final class NamespaceStrategy implements Strategy<Namespace> {
        static final String FINALIZER = "kubernetes";

        @Override
        public Namespace prepareForCreate(Namespace ns, Instant now) {
            Namespace active = ns.withStatus(new NamespaceStatus(NamespaceStatus.ACTIVE));
            return ns.spec().finalizers().isEmpty() ? active.withSpec(new NamespaceSpec(List.of(FINALIZER))) : active;
        }

        @Override
        public List<String> extraFinalizers(Namespace ns) {
            return ns.spec().finalizers();
        }

        @Override
        public Namespace markTerminating(Namespace ns) {
            return ns.withStatus(ns.status().withPhase(NamespaceStatus.TERMINATING));
        }
    }

    /** Nodes register with their capacity and conditions in the status. */
    static final class NodeStrategy implements Strategy<ApiObject> {
        @Override
        public boolean keepsStatusOnCreate() {
            return true;
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
}
