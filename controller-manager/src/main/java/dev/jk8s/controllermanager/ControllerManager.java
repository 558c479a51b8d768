package dev.jk8s.controllermanager;

import dev.jk8s.api.Kinds;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.events.BackgroundEvents;
import dev.jk8s.client.events.EventRecorder;
import dev.jk8s.client.informer.SharedInformerFactory;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chosen controllers over one set of shared informers (one per kind, however many
 * controllers read it), one writer and one event sink per controller. Informers run from
 * {@link #awaitSynced}; controllers work between {@link #start} and {@link #close}. Thread-safe.
 */
public final class ControllerManager implements AutoCloseable {

    private final SharedInformerFactory informers;
    private final ControllerMetrics metrics = new ControllerMetrics();
    private final Map<String, BackgroundEvents> events = new ConcurrentHashMap<>();
    private final List<Controller> controllers;

    /** @param names controllers to run, as {@link Controllers#select} returns them */
    public ControllerManager(ApiClient client, List<String> names, int workers, Clock clock) {
        this.informers = new SharedInformerFactory(client);
        ControllerContext ctx = new ControllerContext(informers, ApiWriter.of(client),
                component -> events.computeIfAbsent(component, c -> new BackgroundEvents(
                        new EventRecorder(client.resource(Kinds.EVENT), c, clock), 2, 1000)),
                clock, metrics, workers, client);
        this.controllers = names.stream().map(n -> Controllers.ALL.get(n).create(ctx)).toList();
    }

    /** Starts the informers and waits until they have listed. */
    public boolean awaitSynced(Duration timeout) {
        informers.start();
        return informers.awaitSynced(timeout);
    }

    /** Starts every controller's workers (this process leads). */
    public void start() {
        controllers.forEach(Controller::start);
    }

    public List<String> names() {
        return controllers.stream().map(Controller::name).toList();
    }

    /** Prometheus text: syncs by controller and result, their latency, queue depths. */
    public String metrics() {
        return metrics.text();
    }

    public ControllerMetrics metricsRegistry() {
        return metrics;
    }

    @Override
    public void close() {
        controllers.forEach(Controller::stop);
        informers.stop();
        events.values().forEach(BackgroundEvents::close);
    }
}
