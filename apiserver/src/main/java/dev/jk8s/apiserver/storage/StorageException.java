package dev.jk8s.apiserver.storage;

/** A storage failure; the registry turns it into an API error naming the object. */
public final class StorageException extends RuntimeException {

    public enum Code { KEY_EXISTS, NOT_FOUND, CONFLICT, COMPACTED, UNAVAILABLE }

    private final Code code;
    private final long compactedRevision;

    public StorageException(Code code, String message, long compactedRevision, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.compactedRevision = compactedRevision;
    }

    public static StorageException of(Code code, String message) {
        return new StorageException(code, message, 0, null);
    }

    /** Waits for a storage future; its failure is rethrown as the StorageException it carries. */
    public static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof StorageException s) {
                throw s;
            }
            throw e;
        }
    }

    public Code code() {
        return code;
    }

    /** For COMPACTED: the revision history now starts after. */
    public long compactedRevision() {
        return compactedRevision;
    }
}
