package dev.jk8s.client;

import dev.jk8s.api.ApiException;

/**
 * Receives a watch's events in order, on one thread at a time, then exactly one {@link #onClose}.
 */
public interface WatchHandler<T> {

    void onEvent(WatchEvent<T> event);

    /**
     * The watch ended: {@code error} is null when closed by the client or the server ended it
     * cleanly; Expired means the revision is too old and the caller must list again.
     */
    void onClose(ApiException error);
}
