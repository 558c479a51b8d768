package dev.jk8s.client.informer;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A scripted apiserver: each list answers with the next scripted response, each watch is
 * recorded so that the test can push events into it and end it.
 */
final class FakeListerWatcher<T extends ApiObject> implements ListerWatcher<T> {

    /** One watch the informer opened. */
    record Session<T>(long resourceVersion, WatchHandler<T> handler, AtomicBoolean closed) {

        void send(WatchEvent.Type type, T object, long rv) {
            handler.onEvent(new WatchEvent<>(type, object, rv));
        }

        void end(ApiException error) {
            handler.onClose(error);
        }
    }

    private final BlockingDeque<Supplier<ObjectList<T>>> lists = new LinkedBlockingDeque<>();
    private final List<Session<T>> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger listCalls = new AtomicInteger();

    void answerList(long resourceVersion, List<T> items) {
        lists.add(() -> new ObjectList<>(items, resourceVersion, null));
    }

    void failList(ApiException error) {
        lists.add(() -> {
            throw error;
        });
    }

    int listCalls() {
        return listCalls.get();
    }

    List<Session<T>> sessions() {
        return sessions;
    }

    Session<T> session(int index) {
        return sessions.get(index);
    }

    @Override
    public ObjectList<T> list() {
        listCalls.incrementAndGet();
        Supplier<ObjectList<T>> next = lists.poll();
        if (next == null) {
            throw ApiException.unavailable("no list response scripted");
        }
        return next.get();
    }

    @Override
    public Watch watch(long resourceVersion, WatchHandler<T> handler) {
        AtomicBoolean closed = new AtomicBoolean();
        sessions.add(new Session<>(resourceVersion, handler, closed));
        return () -> closed.set(true);
    }
}
