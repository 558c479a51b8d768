package dev.jk8s.controllermanager.controller;

import dev.jk8s.client.ApiClient;
import dev.jk8s.client.events.EventSink;
import dev.jk8s.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.util.function.Function;

/**
 * What every controller is built from: the process's shared informers (one per kind, whoever
 * asks), the writer, an event sink per component name, a clock, the metrics and how many workers
 * each controller runs; and the client, for the few reads that must not come from a cache (the
 * namespace controller lists what is left in a namespace from the apiserver, as Kubernetes' does).
 */
public record ControllerContext(SharedInformerFactory informers, ApiWriter api, Function<String, EventSink> events,
                                Clock clock, ControllerMetrics metrics, int workers, ApiClient client) {
}
