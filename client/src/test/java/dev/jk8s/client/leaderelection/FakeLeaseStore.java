package dev.jk8s.client.leaderelection;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.coordination.Lease;

/** One lease in memory with the apiserver's compare-and-swap rules; can be made to fail. */
final class FakeLeaseStore implements LeaseStore {

    private Lease lease;
    private long revision;
    private volatile boolean unavailable;

    synchronized Lease current() {
        return lease;
    }

    void setUnavailable(boolean value) {
        unavailable = value;
    }

    /** Writes as another process would, bypassing the candidates. */
    synchronized void overwrite(Lease value) {
        lease = stamp(value);
    }

    @Override
    public synchronized Lease get() {
        check();
        return lease;
    }

    @Override
    public synchronized Lease create(Lease value) {
        check();
        if (lease != null) {
            throw ApiException.alreadyExists("leases", value.metadata().name());
        }
        lease = stamp(value);
        return lease;
    }

    @Override
    public synchronized Lease update(Lease value) {
        check();
        if (lease == null || lease.metadata().revision() != value.metadata().revision()) {
            throw ApiException.conflict("leases", value.metadata().name());
        }
        lease = stamp(value);
        return lease;
    }

    private Lease stamp(Lease value) {
        return value.withMetadata(value.metadata().withResourceVersion(Long.toString(++revision)));
    }

    private void check() {
        if (unavailable) {
            throw ApiException.unavailable("the apiserver at 127.0.0.1:6443 is unreachable");
        }
    }
}
