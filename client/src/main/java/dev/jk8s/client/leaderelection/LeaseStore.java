package dev.jk8s.client.leaderelection;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.client.ResourceClient;

/**
 * Reads and writes the one lease an elector competes for. Writes are compare-and-swap: an
 * update carries the resourceVersion it read. Thread-safe.
 */
interface LeaseStore {

    /** The lease, or null when it does not exist. */
    Lease get();

    /** @throws ApiException AlreadyExists when someone created it first */
    Lease create(Lease lease);

    /** @throws ApiException Conflict when it changed since {@code lease} was read */
    Lease update(Lease lease);

    static LeaseStore of(ResourceClient<Lease> client, String namespace, String name) {
        return new LeaseStore() {
            @Override
            public Lease get() {
                try {
                    return client.get(namespace, name);
                } catch (ApiException e) {
                    if (ApiException.isNotFound(e)) {
                        return null;
                    }
                    throw e;
                }
            }

            @Override
            public Lease create(Lease lease) {
                return client.create(lease);
            }

            @Override
            public Lease update(Lease lease) {
                return client.update(lease);
            }
        };
    }
}
