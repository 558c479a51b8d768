package dev.jk8s.kubelet.runtime.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects an exec's stdout and stderr, interleaved as they arrive, up to a limit. Thread-safe. */
final class ExecOutput extends ResultCallback.Adapter<Frame> {

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ExecOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        int room = limit - bytes.size();
        if (payload != null && room > 0) {
            bytes.write(payload, 0, Math.min(room, payload.length));
        }
    }

    /** What was collected; a multi-byte character cut at the limit becomes U+FFFD. */
    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
