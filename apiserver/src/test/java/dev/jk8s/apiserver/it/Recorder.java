package dev.jk8s.apiserver.it;

import dev.jk8s.api.ApiException;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A watch handler that records what it gets, for assertions. */
final class Recorder<T> implements WatchHandler<T> {

    final List<WatchEvent<T>> events = new CopyOnWriteArrayList<>();
    final AtomicReference<ApiException> closedWith = new AtomicReference<>();
    volatile boolean closed;

    @Override
    public void onEvent(WatchEvent<T> event) {
        if (event.type() != WatchEvent.Type.BOOKMARK) {
            events.add(event);
        }
    }

    @Override
    public void onClose(ApiException error) {
        closedWith.set(error);
        closed = true;
    }

    long lastRevision() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).resourceVersion();
    }
}
