package dev.jk8s.scheduler.internal;

import dev.jk8s.api.core.Pod;
import dev.jk8s.client.informer.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods the scheduler has placed but whose binding the informer has not shown yet. Counting them
 * in the snapshot lets the next pod be scheduled at once, without waiting for the binding's
 * round trip, and without two pods taking the same last CPU. An assumption ends when the
 * informer shows the pod bound (or gone), when its bind fails, or after {@code ttl} as a safety
 * net. Thread-safe.
 */
public final class AssumedPods {

    private record Assumed(Pod pod, Instant at) {
    }

    private final Map<String, Assumed> assumed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public AssumedPods(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** {@code pod} is being bound to {@code node}. */
    public void assume(Pod pod, String node) {
        assumed.put(Keys.of(pod), new Assumed(pod.withSpec(pod.spec().withNodeName(node)), clock.instant()));
    }

    public void forget(String key) {
        assumed.remove(key);
    }

    /**
     * The pods the snapshot counts: the informer's bound pods, plus assumed ones the informer
     * does not show bound yet. Expired assumptions are dropped.
     */
    public List<Pod> withAssumed(Collection<Pod> informerPods) {
        Instant now = clock.instant();
        assumed.values().removeIf(a -> Duration.between(a.at(), now).compareTo(ttl) > 0);
        List<Pod> pods = new ArrayList<>(informerPods.size() + assumed.size());
        for (Pod p : informerPods) {
            String key = Keys.of(p);
            boolean bound = p.spec().nodeName() != null && !p.spec().nodeName().isEmpty();
            if (bound) {
                assumed.remove(key); // the informer has caught up
                pods.add(p);
            } else if (!assumed.containsKey(key)) {
                pods.add(p);
            }
        }
        assumed.values().forEach(a -> pods.add(a.pod()));
        return pods;
    }

    public int size() {
        return assumed.size();
    }
}
