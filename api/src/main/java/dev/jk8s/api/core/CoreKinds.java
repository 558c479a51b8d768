package dev.jk8s.api.core;

import dev.jk8s.api.Kind;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.validation.Path;
import dev.jk8s.api.validation.Validator;
import java.util.function.Function;

/** The kinds of the core group ({@code apiVersion: v1}). */
public final class CoreKinds {

    public static final Kind<Namespace> NAMESPACE = Kind.builder(Namespace.class, "v1", "Namespace", "namespaces")
            .clusterScoped().shortNames("ns").dnsLabelNames().withStatus(Namespace::status, Namespace::withStatus)
            .defaulter(Namespaces::defaults)
            .field("status.phase", ns -> ns.status().phase())
            .build();

    public static final Kind<Node> NODE = Kind.builder(Node.class, "v1", "Node", "nodes")
            .clusterScoped().shortNames("no").withStatus(Node::status, Node::withStatus)
            .validator(Nodes::validate)
            .field("spec.unschedulable", n -> String.valueOf(n.spec().isUnschedulable()))
            .build();

    public static final Kind<Pod> POD = Kind.builder(Pod.class, "v1", "Pod", "pods")
            .shortNames("po").withStatus(Pod::status, Pod::withStatus)
            .defaulter(p -> p.withSpec(PodSpecDefaults.apply(p.spec())))
            .validator(p -> PodSpecValidation.validate(p.spec(), Path.of("spec")))
            .field("spec.nodeName", p -> p.spec().nodeName())
            .field("spec.restartPolicy", p -> p.spec().restartPolicy())
            .field("spec.schedulerName", p -> p.spec().schedulerName())
            .field("spec.serviceAccountName", p -> p.spec().serviceAccountName())
            .field("status.phase", p -> p.status().phase())
            .field("status.podIP", p -> p.status().podIP())
            .build();

    public static final Kind<ReplicationController> REPLICATION_CONTROLLER =
            Kind.builder(ReplicationController.class, "v1", "ReplicationController", "replicationcontrollers")
                    .shortNames("rc").withStatus(ReplicationController::status, ReplicationController::withStatus)
                    .defaulter(ReplicationControllers::defaults)
                    .validator(ReplicationControllers::validate)
                    .field("status.replicas", rc -> String.valueOf(rc.status().replicas() == null ? 0
                            : rc.status().replicas()))
                    .build();

    public static final Kind<Service> SERVICE = Kind.builder(Service.class, "v1", "Service", "services")
            .shortNames("svc").dnsLabelNames().withStatus(Service::status, Service::withStatus)
            .defaulter(Services::defaults)
            .validator(Validator.withUpdate(Services::validate, Services::validateUpdate))
            .field("spec.clusterIP", s -> s.spec().clusterIP())
            .field("spec.type", s -> s.spec().type())
            .build();

    public static final Kind<Endpoints> ENDPOINTS = Kind.builder(Endpoints.class, "v1", "Endpoints", "endpoints")
            .shortNames("ep")
            .defaulter(EndpointSubsets::defaults)
            .validator(EndpointSubsets::validate)
            .build();

    public static final Kind<ServiceAccount> SERVICE_ACCOUNT =
            Kind.builder(ServiceAccount.class, "v1", "ServiceAccount", "serviceaccounts")
                    .shortNames("sa")
                    .build();

    public static final Kind<Secret> SECRET = Kind.builder(Secret.class, "v1", "Secret", "secrets")
            .defaulter(Secrets::defaults)
            .validator(Validator.withUpdate(Secrets::validate, Secrets::validateUpdate))
            .field("type", Secret::type)
            .build();

    public static final Kind<ConfigMap> CONFIG_MAP = Kind.builder(ConfigMap.class, "v1", "ConfigMap", "configmaps")
            .shortNames("cm").validator(ConfigMaps::validate).build();

    public static final Kind<Event> EVENT = Kind.builder(Event.class, "v1", "Event", "events")
            .shortNames("ev")
            .defaulter(Events::defaults)
            .validator(Events::validate)
            .field("involvedObject.kind", involved(ObjectReference::kind))
            .field("involvedObject.namespace", involved(ObjectReference::namespace))
            .field("involvedObject.name", involved(ObjectReference::name))
            .field("involvedObject.uid", involved(ObjectReference::uid))
            .field("involvedObject.apiVersion", involved(ObjectReference::apiVersion))
            .field("involvedObject.resourceVersion", involved(ObjectReference::resourceVersion))
            .field("involvedObject.fieldPath", involved(ObjectReference::fieldPath))
            .field("reason", Event::reason)
            .field("type", Event::type)
            .field("source", e -> e.source() == null ? null : e.source().component())
            .field("reportingComponent", Event::reportingComponent)
            .build();

    private CoreKinds() {
    }

    private static Function<Event, String> involved(Function<ObjectReference, String> field) {
        return e -> e.involvedObject() == null ? null : field.apply(e.involvedObject());
    }
}
