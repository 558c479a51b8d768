package dev.jk8s.ctl.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A {@link PrintStream} that reports failure: PrintStream swallows write errors, so a followed
 * log piped into {@code head} would stream forever after {@code head} exits. Not thread-safe.
 */
final class CheckedOutput extends OutputStream {

    private final PrintStream out;

    CheckedOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        check();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        check();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        check();
    }

    private void check() throws IOException {
        if (out.checkError()) {
            throw new IOException("the output is closed");
        }
    }
}
