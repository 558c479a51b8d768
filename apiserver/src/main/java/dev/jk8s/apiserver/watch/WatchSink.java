package dev.jk8s.apiserver.watch;

import dev.jk8s.api.ApiException;
import dev.jk8s.proto.WatchBatch;

/**
 * Where a client's watch events go (the gRPC stream). Called by one thread at a time.
 * {@link #isReady()} and {@link #onReady(Runnable)} give flow control: a slow client is not
 * sent more than its transport can take.
 */
public interface WatchSink {

    /** Sends one message: whole revisions of events. */
    void send(WatchBatch batch);

    /** Ends the watch: normally when {@code error} is null, else with that error. */
    void close(ApiException error);

    boolean isReady();

    /** Runs {@code task} when the transport can take more; may be called once per not-ready period. */
    void onReady(Runnable task);

    boolean isCancelled();

    /** Runs {@code task} once if the client goes away. */
    void onCancel(Runnable task);
}
