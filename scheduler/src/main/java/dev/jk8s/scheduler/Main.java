package dev.jk8s.scheduler;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.Shutdown;
import dev.jk8s.client.informer.SharedInformerFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduler process. In this first step it connects to the apiserver and keeps the caches it
 * will work from in sync by list+watch; binding pods to nodes arrives with the scheduler issue.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true, description = "Assigns pods to nodes (filters and scores arrive with the scheduler issue).")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Override
    public Integer call() throws Exception {
        try (ApiClient client = ApiClient.connect(apiserver)) {
            SharedInformerFactory informers = new SharedInformerFactory(client);
            informers.informer(Kinds.POD, null, ListOptions.fields("spec.nodeName="));
            informers.informer(Kinds.NODE);
            informers.start();
            if (!informers.awaitSynced(Duration.ofSeconds(60))) {
                LOG.error("caches did not sync from the apiserver at {} within 60 s", apiserver);
                return 1;
            }
            LOG.info("scheduler caches synced from {}", apiserver);
            Shutdown.await(informers::stop);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
