package dev.jk8s.client;

import dev.jk8s.client.informer.SharedInformerFactory;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every component process does around its own work: connect to the apiserver, start the
 * informers it asked for, wait until their caches have synced, run until asked to stop.
 */
public final class ComponentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentRunner.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private ComponentRunner() {
    }

    /**
     * @param informers asks the factory for the informers the component needs
     * @return the process's exit code: 0 after a requested stop, 1 if the caches did not sync
     */
    public static int syncAndRun(String component, String apiserver, Consumer<SharedInformerFactory> informers)
            throws InterruptedException {
        try (ApiClient client = ApiClient.connect(apiserver)) {
            SharedInformerFactory factory = new SharedInformerFactory(client);
            informers.accept(factory);
            factory.start();
            if (!factory.awaitSynced(SYNC_TIMEOUT)) {
                LOG.error("{}: caches did not sync from the apiserver at {} within {} s", component, apiserver,
                        SYNC_TIMEOUT.toSeconds());
                return 1;
            }
            LOG.info("{}: caches synced from {}", component, apiserver);
            Shutdown.await(factory::stop);
        }
        return 0;
    }
}
