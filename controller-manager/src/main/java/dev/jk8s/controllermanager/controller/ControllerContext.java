package dev.jk8s.controllermanager.controller;

import dev.jk8s.client.events.EventSink;
import dev.jk8s.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.util.function.Function;

/**
 * What every controller is built from: the process's shared informers (one per kind, whoever
 * asks), the writer, the uncached reader, an event sink per component name, a clock, the metrics,
 * how many workers each controller runs, and the settings some controllers read.
 */
public record ControllerContext(SharedInformerFactory informers, ApiWriter api, ApiReader reader,
                                Function<String, EventSink> events, Clock clock, ControllerMetrics metrics, int workers,
                                ControllerOptions options) {
}
