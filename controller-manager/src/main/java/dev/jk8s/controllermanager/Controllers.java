package dev.jk8s.controllermanager;

import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.deployment.DeploymentController;
import dev.jk8s.controllermanager.endpoints.EndpointsController;
import dev.jk8s.controllermanager.garbagecollector.GarbageCollector;
import dev.jk8s.controllermanager.namespace.NamespaceController;
import dev.jk8s.controllermanager.nodelifecycle.NodeLifecycleController;
import dev.jk8s.controllermanager.podgc.PodGcController;
import dev.jk8s.controllermanager.replicaset.ReplicaSetController;
import dev.jk8s.controllermanager.replicaset.ReplicatedKind;
import dev.jk8s.controllermanager.serviceaccount.ServiceAccountsController;
import dev.jk8s.controllermanager.serviceaccount.TokensController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of named controllers (name → factory), in the order they start, and how
 * {@code --controllers} selects among them: Kubernetes' syntax, a comma-separated list where
 * {@code *} is every controller, {@code name} adds one and {@code -name} removes one.
 */
public final class Controllers {

    public static final Map<String, Controller.Factory> ALL = registry();

    private Controllers() {
    }

    private static Map<String, Controller.Factory> registry() {
        Map<String, Controller.Factory> all = new LinkedHashMap<>();
        all.put(DeploymentController.NAME, DeploymentController::create);
        // one controller class, two kinds: each instance has its own queue, informer and events' component
        all.put(ReplicatedKind.REPLICA_SET.controllerName(), ctx -> ReplicaSetController.create(ctx, ReplicatedKind.REPLICA_SET));
        all.put(ReplicatedKind.REPLICATION_CONTROLLER.controllerName(),
                ctx -> ReplicaSetController.create(ctx, ReplicatedKind.REPLICATION_CONTROLLER));
        all.put(EndpointsController.NAME, EndpointsController::create);
        all.put(NamespaceController.NAME, NamespaceController::create);
        all.put(ServiceAccountsController.NAME, ServiceAccountsController::create);
        all.put(TokensController.NAME, TokensController::create);
        all.put(GarbageCollector.NAME, GarbageCollector::create);
        all.put(NodeLifecycleController.NAME, NodeLifecycleController::create);
        all.put(PodGcController.NAME, PodGcController::create);
        return java.util.Collections.unmodifiableMap(all);
    }

    /**
     * The names {@code spec} selects, in registry order.
     *
     * @throws IllegalArgumentException naming the unknown controller and the known ones
     */
    public static List<String> select(String spec) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String item : spec.split(",")) {
            String name = item.strip();
            if (name.equals("*")) {
                on.addAll(ALL.keySet());
            } else if (name.startsWith("-")) {
                off.add(known(name.substring(1)));
            } else if (!name.isEmpty()) {
                on.add(known(name));
            }
        }
        return ALL.keySet().stream().filter(on::contains).filter(n -> !off.contains(n)).toList();
    }

    private static String known(String name) {
        if (!ALL.containsKey(name)) {
            throw new IllegalArgumentException("unknown controller \"" + name + "\"; known: " + String.join(", ", ALL.keySet())
                    + " (and * for all of them)");
        }
        return name;
    }
}
