package dev.jk8s.apiserver.watch;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.proto.WatchEvent;
import com.google.protobuf.ByteString;

/**
 * One change of one object as the watch cache keeps it: the object after the change (for a
 * deletion, its last state), the object before it (null if unknown or new), and the revision.
 * Its wire encodings are made once and shared by every watcher.
 */
final class CachedEvent {

    enum Type { ADDED, MODIFIED, DELETED }

    final Type type;
    final String key;
    final ApiObject object;
    final ApiObject previous;
    final long revision;
    private volatile ByteString bytes;

    CachedEvent(Type type, String key, ApiObject object, ApiObject previous, long revision) {
        this.type = type;
        this.key = key;
        this.object = object;
        this.previous = previous;
        this.revision = revision;
    }

    WatchEvent toWire(WatchEvent.Type as) {
        ByteString b = bytes;
        if (b == null) {
            b = ByteString.copyFrom(Codec.encode(object));
            bytes = b;
        }
        return WatchEvent.newBuilder().setType(as).setObject(b).setResourceVersion(revision).build();
    }
}
