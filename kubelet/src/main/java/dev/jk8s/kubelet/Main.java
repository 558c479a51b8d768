package dev.jk8s.kubelet;

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
 * The kubelet process. In this first step it connects to the apiserver and keeps the caches it
 * will work from in sync by list+watch; running pods on Docker arrives with the kubelet issue.
 */
@Command(name = "kubelet", mixinStandardHelpOptions = true, description = "The node agent (running pods on Docker arrives with the kubelet issue).")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--apiserver", defaultValue = "127.0.0.1:6443", description = "The apiserver, host:port (default: ${DEFAULT-VALUE}).")
    String apiserver;

    @Option(names = "--node-name", required = true, description = "The name of the node this kubelet runs.")
    String nodeName;

    @Override
    public Integer call() throws Exception {
        try (ApiClient client = ApiClient.connect(apiserver)) {
            SharedInformerFactory informers = new SharedInformerFactory(client);
            informers.informer(Kinds.POD, null, ListOptions.fields("spec.nodeName=" + nodeName));
            informers.start();
            if (!informers.awaitSynced(Duration.ofSeconds(60))) {
                LOG.error("caches did not sync from the apiserver at {} within 60 s", apiserver);
                return 1;
            }
            LOG.info("kubelet caches synced from {}", apiserver);
            Shutdown.await(informers::stop);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
