package dev.jk8s.proxy.userspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One direction of a proxied connection: what is read from one socket is written to the other
 * through a buffer. A full buffer stops reading (the sender is slowed down by TCP rather than by
 * memory growing), and once the source's end of stream is written the sink's output is shut down,
 * so the peer sees a half-close and may still answer. Not thread-safe: the selector thread only.
 */
final class Flow {

    private static final int BUFFER = 64 * 1024;

    private final SocketChannel from;
    private final SocketChannel to;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER); // kept in fill mode between calls
    private boolean eof;
    private boolean done;

    Flow(SocketChannel from, SocketChannel to) {
        this.from = from;
        this.to = to;
    }

    /** Moves whatever can be moved without blocking. */
    void pump() throws IOException {
        boolean progress = true;
        while (progress && !done) {
            int read = eof || !buffer.hasRemaining() ? 0 : from.read(buffer);
            eof |= read < 0;
            buffer.flip();
            int written = to.write(buffer);
            buffer.compact();
            if (eof && buffer.position() == 0) {
                to.shutdownOutput();
                done = true;
            }
            progress = read != 0 || written > 0;
        }
    }

    /** Whether the source's end of stream has reached the sink. */
    boolean done() {
        return done;
    }

    /** What to wait for on the source: more to read, unless the buffer is full or the stream ended. */
    int sourceOps() {
        return eof || !buffer.hasRemaining() ? 0 : SelectionKey.OP_READ;
    }

    /** What to wait for on the sink: room to write what is buffered. */
    int sinkOps() {
        return buffer.position() > 0 ? SelectionKey.OP_WRITE : 0;
    }
}
