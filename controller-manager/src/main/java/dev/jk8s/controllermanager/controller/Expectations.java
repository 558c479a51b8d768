package dev.jk8s.controllermanager.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller has asked the apiserver to do and not yet seen in its caches (Kubernetes'
 * ControllerExpectations): per controller key, how many creations and which deletions (by pod
 * key) are still to be observed. A controller acts on a key only when its expectations are
 * satisfied, so that a burst of events arriving before the caches catch up never makes it create
 * or delete twice. Expectations older than {@code ttl} count as satisfied (an event was lost;
 * the controller re-counts from its caches). Thread-safe.
 */
public final class Expectations {

    private record Pending(int creations, Set<String> deletions, Instant since) {
        boolean fulfilled() {
            return creations <= 0 && deletions.isEmpty();
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public Expectations(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Whether {@code key} may act: nothing pending, all observed, or the expectations expired. */
    public boolean satisfied(String key) {
        Pending p = pending.get(key);
        return p == null || p.fulfilled() || p.since().plus(ttl).isBefore(clock.instant());
    }

    /** {@code key} is about to create {@code n} objects; replaces what was expected. */
    public void expectCreations(String key, int n) {
        pending.put(key, new Pending(n, Set.of(), clock.instant()));
    }

    /** {@code key} is about to delete these objects (their keys); replaces what was expected. */
    public void expectDeletions(String key, Set<String> objectKeys) {
        pending.put(key, new Pending(0, Set.copyOf(objectKeys), clock.instant()));
    }

    /** One creation of {@code key}'s was seen (or will never happen: the create failed). */
    public void creationObserved(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.creations() - 1, p.deletions(), p.since()));
    }

    /** The deletion of {@code objectKey}, owned by {@code key}, was seen (or failed). */
    public void deletionObserved(String key, String objectKey) {
        pending.computeIfPresent(key, (k, p) -> {
            if (!p.deletions().contains(objectKey)) {
                return p;
            }
            Set<String> rest = new HashSet<>(p.deletions());
            rest.remove(objectKey);
            return new Pending(p.creations(), Set.copyOf(rest), p.since());
        });
    }

    /** {@code key} is gone: its expectations go too. */
    public void forget(String key) {
        pending.remove(key);
    }
}
