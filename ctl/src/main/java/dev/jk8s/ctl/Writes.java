package dev.jk8s.ctl;

import dev.jk8s.api.ApiObject;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The read-change-write that the editing verbs (label, scale, cordon, taint) share. Without a
 * resourceVersion it re-reads and retries on Conflict ({@link KindClient#guaranteedUpdate}); with
 * one, it writes once as a compare-and-swap on that version, so a stale one fails with Conflict.
 * Stateless.
 */
public final class Writes {

    private Writes() {
    }

    /**
     * Applies the pure {@code change} to the named object and writes it; returns what was written.
     *
     * @param resourceVersion null, or the version the object must still be at
     */
    public static <T extends ApiObject> T update(KindClient<T> client, String namespace, String name,
                                                 String resourceVersion, UnaryOperator<T> change) {
        if (resourceVersion == null) {
            return client.guaranteedUpdate(namespace, name, change);
        }
        T changed = change.apply(client.get(namespace, name));
        return client.update(client.kind().cast(changed.withMetadata(
                changed.metadata().withResourceVersion(resourceVersion))), false);
    }

    /** Why {@code --resource-version} is malformed, if it is; the text of a usage error. */
    public static Optional<String> resourceVersionError(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.matches("[1-9][0-9]{0,18}")) {
            return Optional.empty();
        }
        return Optional.of("--resource-version must be a resourceVersion (a positive number, as in"
                + " metadata.resourceVersion), not '" + resourceVersion + "'");
    }
}
