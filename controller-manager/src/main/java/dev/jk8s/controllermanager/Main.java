package dev.jk8s.controllermanager;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectionFlags;
import dev.jk8s.client.Shutdown;
import dev.jk8s.client.StatusServer;
import dev.jk8s.client.leaderelection.LeaderCallbacks;
import dev.jk8s.client.leaderelection.LeaderElectionConfig;
import dev.jk8s.client.leaderelection.LeaderElector;
import dev.jk8s.controllermanager.controller.ControllerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The controller-manager process: parses flags, elects a leader (Lease
 * {@code kube-system/kube-controller-manager}) and runs the chosen controllers while it leads.
 * Like Kubernetes' controller-manager, it exits when it loses the Lease, so that its controllers
 * never act alongside a new leader's. {@code /healthz} and {@code /metrics} on the HTTP port.
 */
@Command(name = "controller-manager", mixinStandardHelpOptions = true,
        description = "Runs the controllers that drive the cluster towards what its objects ask for.")
public final class Main implements Callable<Integer> {

    @Mixin
    ConnectionFlags connection;

    @Option(names = "--controllers", defaultValue = "*",
            description = "Controllers to run: * for all, name to add one, -name to leave one out, comma-separated "
                    + "(default: ${DEFAULT-VALUE}). Known: deployment, replicaset, replicationcontroller, endpoints, namespace, serviceaccount, serviceaccount-token, garbagecollector, nodelifecycle, podgc.")
    String controllers;

    @Option(names = "--workers", defaultValue = "5", description = "Workers per controller (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--leader-elect", defaultValue = "true", negatable = true,
            description = "Run controllers only while holding the Lease, so that several may run (default: ${DEFAULT-VALUE}).")
    boolean leaderElect;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address of /healthz and /metrics (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--port", defaultValue = "10257", description = "Port of /healthz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--node-monitor-grace-period", defaultValue = "40", paramLabel = "SECONDS",
            description = "A node that renews neither its Lease nor its status for this long is marked Unknown (default: ${DEFAULT-VALUE}).")
    long nodeMonitorGracePeriod;

    @Option(names = "--default-toleration-seconds", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long pods without a toleration of their own stay on an unreachable or not-ready node (default: ${DEFAULT-VALUE}).")
    long defaultTolerationSeconds;

    @Option(names = "--pod-evictions-per-second", defaultValue = "10",
            description = "The most pods evicted from unhealthy nodes per second (default: ${DEFAULT-VALUE}).")
    double podEvictionsPerSecond;

    @Spec
    CommandSpec spec;

    @Option(names = "--root-ca-file", paramLabel = "FILE",
            description = "The cluster CA (PEM), put into ServiceAccount token Secrets as ca.crt for pods to verify the apiserver.")
    Path rootCaFile;

    /** The CA's text, read now; a file that cannot be read is a usage error naming it. */
    private String rootCa() {
        try {
            return rootCaFile == null ? null : Files.readString(rootCaFile);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--root-ca-file: cannot read " + rootCaFile + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = selected();
        try (ApiClient client = connection.connect();
             ControllerManager manager = new ControllerManager(client, names, workers, Clock.systemUTC(), new ControllerOptions(
                     Duration.ofSeconds(nodeMonitorGracePeriod), Duration.ofSeconds(defaultTolerationSeconds), podEvictionsPerSecond,
                     rootCa()))) {
            if (!manager.awaitSynced(Duration.ofSeconds(60))) {
                System.err.println("controller-manager: error: cannot list from the apiserver at " + connection.apiserver()
                        + " within 60 s; is it running? (bin/cluster status)");
                return 1;
            }
            try (StatusServer http = StatusServer.start(bindAddress, port, manager::metrics)) {
                System.err.printf("controller-manager: controllers %s ready, /healthz and /metrics on http://%s:%d%n",
                        String.join(",", names), bindAddress, http.port());
                AtomicBoolean stopping = new AtomicBoolean();
                LeaderElector elector = leaderElect ? elector(client, manager, stopping) : null;
                if (elector != null) {
                    elector.start();
                } else {
                    manager.start();
                }
                Shutdown.await(() -> {
                    stopping.set(true);
                    if (elector != null) {
                        elector.stop(); // stops the controllers, then releases the Lease
                    }
                });
            }
        }
        return 0;
    }

    /** The controllers {@code --controllers} names; an unknown one is a usage error that lists the known ones. */
    List<String> selected() {
        try {
            return Controllers.select(controllers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --controllers " + controllers + ": " + e.getMessage());
        }
    }

    /** Kubernetes' timing (15/10/2 s); losing the Lease, other than by stopping, ends the process. */
    private static LeaderElector elector(ApiClient client, ControllerManager manager, AtomicBoolean stopping) {
        LeaderElectionConfig config = LeaderElectionConfig.of("kube-system", "kube-controller-manager",
                LeaderElectionConfig.defaultIdentity());
        return new LeaderElector(client.resource(Kinds.LEASE), config, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                manager.start();
            }

            @Override
            public void onStoppedLeading() {
                if (stopping.get()) {
                    manager.close();
                    return;
                }
                System.err.println("controller-manager: lost the Lease kube-system/kube-controller-manager; exiting");
                Runtime.getRuntime().halt(1); // as Kubernetes does: no controller may act beside the new leader
            }
        });
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
