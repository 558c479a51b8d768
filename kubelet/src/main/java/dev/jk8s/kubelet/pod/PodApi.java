package dev.jk8s.kubelet.pod;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodStatus;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.Service;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.events.BackgroundEvents;
import dev.jk8s.client.events.EventRecorder;
import dev.jk8s.client.informer.SharedInformer;
import java.time.Clock;
import java.util.List;

/** The calls the pod workers make to the apiserver. Thread-safe. */
public interface PodApi extends PodVolumes.ObjectSource, AutoCloseable {

    /**
     * Writes the pod's status over whatever status is stored, for the pod instance with this uid
     * (another instance of the name: Conflict). The kubelet owns a pod's status and computes it
     * from what it observed, so it needs no compare-and-swap on the resourceVersion: that would
     * only fail whenever its informer lags behind its own previous write.
     *
     * @return the pod's revision after the write
     */
    long updateStatus(Pod pod, PodStatus status);

    /** Deletes the pod for good once its containers are gone; a pod already gone (or replaced) is no error. */
    void confirmDeletion(Pod pod);

    /** Records an event about the pod: best effort, and without waiting for the apiserver. */
    void event(Pod pod, String type, String reason, String message);

    /** Stops writing events (those still queued are dropped). */
    @Override
    default void close() {
    }

    /** The same calls, recording no events (for hollow nodes: 5,000 pods would mean 10,000 events). */
    default PodApi withoutEvents() {
        PodApi self = this;
        return new PodApi() {
            @Override
            public long updateStatus(Pod pod, PodStatus status) {
                return self.updateStatus(pod, status);
            }

            @Override
            public void confirmDeletion(Pod pod) {
                self.confirmDeletion(pod);
            }

            @Override
            public void event(Pod pod, String type, String reason, String message) {
            }

            @Override
            public ConfigMap configMap(String namespace, String name) {
                return self.configMap(namespace, name);
            }

            @Override
            public Secret secret(String namespace, String name) {
                return self.secret(namespace, name);
            }

            @Override
            public List<Service> services(String namespace) {
                return self.services(namespace);
            }

            @Override
            public void close() {
                self.close();
            }
        };
    }

    /**
     * The apiserver's implementation; events come from {@code kubelet} and are written by one
     * background thread (at most 1,000 waiting; more are dropped, as Kubernetes' event broadcaster
     * drops them), so that a sync never waits for an event.
     */
    static PodApi of(ApiClient client, Clock clock) {
        var pods = client.resource(Kinds.POD);
        var configMaps = client.resource(Kinds.CONFIG_MAP);
        var secrets = client.resource(Kinds.SECRET);
        BackgroundEvents events = new BackgroundEvents(new EventRecorder(client.resource(Kinds.EVENT), "kubelet", clock), 1, 1000);
        // Every Service, for the containers' service variables, as Kubernetes' kubelet keeps them.
        SharedInformer<Service> services = new SharedInformer<>(client.resource(Kinds.SERVICE), null, ListOptions.DEFAULT);
        services.start();
        return new PodApi() {
            @Override
            public long updateStatus(Pod pod, PodStatus status) {
                return pods.updateStatus(pod.withMetadata(pod.metadata().withResourceVersion(null)).withStatus(status))
                        .metadata().revision();
            }

            @Override
            public void confirmDeletion(Pod pod) {
                try {
                    pods.delete(pod.metadata().namespace(), pod.metadata().name(),
                            DeleteOptions.DEFAULT.withGracePeriod(0L).withPreconditions(pod.metadata().uid(), 0));
                } catch (ApiException e) {
                    if (e.reason() != Reason.NOT_FOUND && e.reason() != Reason.CONFLICT) {
                        throw e;
                    }
                }
            }

            @Override
            public void event(Pod pod, String type, String reason, String message) {
                events.record(pod, type, reason, message);
            }

            @Override
            public List<Service> services(String namespace) {
                if (!services.hasSynced()) {
                    throw ApiException.unavailable("the kubelet has not read the services yet (for the containers' service "
                            + "variables); the container starts once it has");
                }
                return services.indexer().byNamespace(namespace);
            }

            @Override
            public void close() {
                events.close();
                services.stop();
            }

            @Override
            public ConfigMap configMap(String namespace, String name) {
                return configMaps.get(namespace, name);
            }

            @Override
            public Secret secret(String namespace, String name) {
                return secrets.get(namespace, name);
            }
        };
    }
}
