package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.ApiObject;
import dev.jk8s.client.events.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event as {@code Type Reason: message}, in order. Thread-safe. */
public final class RecordingEvents implements EventSink {

    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(ApiObject involved, String type, String reason, String message) {
        events.add(type + " " + reason + ": " + message);
    }
}
