package dev.jk8s.client;

/** A running watch; {@link #close()} stops it (the handler's onClose then runs with no error). */
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
