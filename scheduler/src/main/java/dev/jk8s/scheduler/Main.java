package dev.jk8s.scheduler;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectionFlags;
import dev.jk8s.client.Shutdown;
import dev.jk8s.client.StatusServer;
import dev.jk8s.client.leaderelection.LeaderCallbacks;
import dev.jk8s.client.leaderelection.LeaderElectionConfig;
import dev.jk8s.client.leaderelection.LeaderElector;
import dev.jk8s.scheduler.framework.Profile;
import dev.jk8s.scheduler.plugins.DefaultProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scheduler process: parses flags, elects a leader among the schedulers of the same name
 * (Lease {@code kube-system/<scheduler-name>}), and schedules while it leads. {@code /healthz}
 * and {@code /metrics} on the HTTP port.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true, description = "Assigns pending pods to nodes.")
public final class Main implements Callable<Integer> {

    @Mixin
    ConnectionFlags connection;

    @Option(names = "--scheduler-name", defaultValue = "default-scheduler",
            description = "Schedules the pods whose spec.schedulerName is this (default: ${DEFAULT-VALUE}).")
    String schedulerName;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address of /healthz and /metrics (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--port", defaultValue = "10259", description = "Port of /healthz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--leader-elect", defaultValue = "true", negatable = true,
            description = "Schedule only while holding the Lease, so that several schedulers may run (default: ${DEFAULT-VALUE}).")
    boolean leaderElect;

    @Option(names = "--binders", defaultValue = "16", description = "Bindings in flight at once (default: ${DEFAULT-VALUE}).")
    int binders;

    @Option(names = "--score-weight", paramLabel = "PLUGIN=WEIGHT",
            description = "Weight of a score plugin, 0 turns it off; repeatable. Defaults: " + DefaultProfile.WEIGHTS + ".")
    Map<String, Integer> weights = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Profile profile = profile();
        try (ApiClient client = connection.connect()) {
            Scheduler scheduler = new Scheduler(client, schedulerName, profile, Clock.systemUTC(), binders);
            if (!scheduler.awaitSynced(Duration.ofSeconds(60))) {
                System.err.println("scheduler: error: cannot list pods and nodes from the apiserver at " + connection.apiserver()
                        + " within 60 s; is it running? (bin/cluster status)");
                return 1;
            }
            StatusServer http = StatusServer.start(bindAddress, port, scheduler::metrics);
            System.err.printf("scheduler: %s ready, /healthz and /metrics on http://%s:%d%n", schedulerName, bindAddress,
                    http.port());
            LeaderElector elector = leaderElect ? elector(client, scheduler) : null;
            if (elector != null) {
                elector.start();
            } else {
                scheduler.start();
            }
            Shutdown.await(() -> {
                if (elector != null) {
                    elector.stop();
                }
                scheduler.close();
                http.close();
            });
        }
        return 0;
    }

    /** The default profile with the weights given; a wrong plugin name or weight is a usage error. */
    Profile profile() {
        Profile profile = DefaultProfile.PROFILE;
        for (Map.Entry<String, Integer> w : weights.entrySet()) {
            try {
                profile = profile.withWeight(w.getKey(), w.getValue());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid --score-weight " + w.getKey() + "=" + w.getValue()
                        + ": " + e.getMessage());
            }
        }
        return profile;
    }

    /**
     * Lease 10 s, renew deadline 7 s, retry 2 s (Kubernetes: 15/10/2): a standby takes over within
     * 12 s of the leader's death instead of 17.
     */
    private LeaderElector elector(ApiClient client, Scheduler scheduler) {
        LeaderElectionConfig config = LeaderElectionConfig.of("kube-system", schedulerName, LeaderElectionConfig.defaultIdentity())
                .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(7), Duration.ofSeconds(2));
        return new LeaderElector(client.resource(Kinds.LEASE), config, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                scheduler.start();
            }

            @Override
            public void onStoppedLeading() {
                scheduler.stop();
            }
        });
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
