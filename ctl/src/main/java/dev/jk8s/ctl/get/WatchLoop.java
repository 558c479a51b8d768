package dev.jk8s.ctl.get;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Reason;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.ObjectList;
import dev.jk8s.client.Watch;
import dev.jk8s.client.WatchEvent;
import dev.jk8s.client.WatchHandler;
import dev.jk8s.client.WatchOptions;
import dev.jk8s.ctl.KindClient;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The watch of {@code jctl get -w}: hands every change of a wanted object to the printer, on the
 * calling thread, until the watch is closed without an error (by the client, a test, or the
 * apiserver ending it cleanly) or the thread is interrupted. A watch that ends with Expired (its
 * revision was compacted), a timeout or an undecodable event is followed by a fresh list, whose
 * changed objects are printed, and a new watch from the list's revision; any other error (an
 * apiserver gone away) is thrown. Not thread-safe: one run, one thread.
 */
final class WatchLoop<T extends ApiObject> {

    private static final Set<Reason> RELIST_AFTER = EnumSet.of(Reason.EXPIRED, Reason.TIMEOUT, Reason.INTERNAL);

    private sealed interface Signal<T> {
    }

    private record Change<T>(WatchEvent<T> event) implements Signal<T> {
    }

    private record Closed<T>(ApiException error) implements Signal<T> {
    }

    private final KindClient<T> client;
    private final String namespace;
    private final ListOptions options;
    private final Predicate<T> wanted;
    private final Consumer<T> printer;
    /** namespace/name → the resourceVersion last printed, so that a relist prints only what changed. */
    private final Map<String, String> printed = new HashMap<>();

    WatchLoop(KindClient<T> client, String namespace, ListOptions options, Predicate<T> wanted, Consumer<T> printer) {
        this.client = client;
        this.namespace = namespace;
        this.options = options;
        this.wanted = wanted;
        this.printer = printer;
    }

    /** Records objects already printed (the initial list), so that they are not printed again unchanged. */
    void printed(List<T> objects) {
        objects.forEach(o -> printed.put(key(o), o.metadata().resourceVersion()));
    }

    /** Watches from {@code revision} until closed without an error; see the class comment. */
    void run(long revision) {
        long from = revision;
        while (true) {
            ApiException error = watchUntilClosed(from);
            if (error == null) {
                return;
            }
            if (!RELIST_AFTER.contains(error.reason())) {
                throw error;
            }
            from = relist();
        }
    }

    /** Returns the error the watch ended with, null when it ended cleanly or the thread was interrupted. */
    private ApiException watchUntilClosed(long from) {
        BlockingQueue<Signal<T>> signals = new LinkedBlockingQueue<>();
        try (Watch ignored = client.watch(namespace, WatchOptions.from(options, from), handler(signals))) {
            while (true) {
                Signal<T> signal = signals.take();
                if (signal instanceof Closed<T> closed) {
                    return closed.error();
                } else if (signal instanceof Change<T> change) {
                    show(change.event());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static <T> WatchHandler<T> handler(BlockingQueue<Signal<T>> signals) {
        return new WatchHandler<>() {
            @Override
            public void onEvent(WatchEvent<T> event) {
                signals.add(new Change<>(event));
            }

            @Override
            public void onClose(ApiException error) {
                signals.add(new Closed<>(error));
            }
        };
    }

    private void show(WatchEvent<T> event) {
        T object = event.object();
        if (event.type() != WatchEvent.Type.BOOKMARK && object != null && wanted.test(object)
                && (event.type() == WatchEvent.Type.DELETED || !alreadyPrinted(object))) {
            print(object);
        }
    }

    private long relist() {
        ObjectList<T> list = client.list(namespace, options);
        list.items().stream().filter(wanted)
                .filter(o -> !alreadyPrinted(o))
                .forEach(this::print);
        return list.resourceVersion();
    }

    private boolean alreadyPrinted(T object) {
        return Objects.equals(printed.get(key(object)), object.metadata().resourceVersion());
    }

    private void print(T object) {
        printed.put(key(object), object.metadata().resourceVersion());
        printer.accept(object);
    }

    private static String key(ApiObject o) {
        return o.metadata().namespace() + "/" + o.metadata().name();
    }
}
