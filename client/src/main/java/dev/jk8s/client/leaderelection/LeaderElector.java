package dev.jk8s.client.leaderelection;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.coordination.Lease;
import dev.jk8s.api.coordination.LeaseSpec;
import dev.jk8s.client.ResourceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease-based leader election with Kubernetes' semantics, so that of several replicas of a
 * component exactly one does the leader's work at a time.
 *
 * <p>A candidate tries every retry period (with jitter) to take the lease: it creates the lease
 * when absent (AlreadyExists: another won), or takes it over once it has expired (renewTime +
 * leaseDurationSeconds is past) or was released, by a compare-and-swap update on the lease's
 * resourceVersion (Conflict: another won); a takeover increments {@code leaseTransitions}.
 * The leader renews every retry period; if it has not renewed for the renew deadline (shorter than
 * the lease, so it steps down before anyone else may start), or sees another holder, it stops
 * leading and becomes a candidate again. On {@link #stop()} a leader releases the lease (clears
 * the holder) so a successor need not wait for it to expire. Every decision is the pure
 * {@link #decide} function; this class only adds timing and I/O.
 *
 * <p>Each API call runs on a helper thread and is abandoned at the renew deadline, so a hung
 * call cannot keep a stale leader leading. Expiry is judged with the local clock against the
 * holder's renewTime, so hosts' clocks must agree to well within the lease duration.
 * Thread-safe; {@link #isLeader()} may be read from any thread.
 */
public final class LeaderElector {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);

    /** What a candidate does about the lease it read. */
    public enum Action {
        /** No lease yet: create it, holding it. */
        CREATE,
        /** Expired or released: take it over. */
        ACQUIRE,
        /** Ours: renew it. */
        RENEW,
        /** Someone else holds it and it has not expired: wait. */
        WAIT
    }

    /** The action and the spec to write; for {@link Action#WAIT}, the current holder's spec. */
    public record Decision(Action action, LeaseSpec spec) {
    }

    private enum Result { HELD, HELD_BY_OTHER, FAILED }

    private final LeaseStore store;
    private final LeaderElectionConfig config;
    private final LeaderCallbacks callbacks;
    private final Clock clock;
    private final String lease;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService calls;
    private volatile boolean leading;
    private volatile String leader;
    private Thread thread;

    public LeaderElector(ResourceClient<Lease> leases, LeaderElectionConfig config, LeaderCallbacks callbacks) {
        this(LeaseStore.of(leases, config.namespace(), config.name()), config, callbacks, Clock.systemUTC());
    }

    LeaderElector(LeaseStore store, LeaderElectionConfig config, LeaderCallbacks callbacks, Clock clock) {
        this.store = store;
        this.config = config;
        this.callbacks = callbacks;
        this.clock = clock;
        this.lease = config.namespace() + "/" + config.name();
        this.calls = Executors.newSingleThreadExecutor(r -> daemon(r, "leader-elector-" + config.name() + "-call"));
    }

    /**
     * The pure rule: what {@code me} does at {@code now} about the lease {@code current} (null:
     * absent), and the spec to write, holding it for {@code leaseDurationSeconds}.
     */
    public static Decision decide(Lease current, String me, Instant now, int leaseDurationSeconds) {
        if (current == null) {
            return new Decision(Action.CREATE, new LeaseSpec(me, leaseDurationSeconds, now, now, 0));
        }
        LeaseSpec held = current.spec();
        int transitions = held.leaseTransitions() == null ? 0 : held.leaseTransitions();
        if (me.equals(held.holderIdentity())) {
            Instant since = held.acquireTime() == null ? now : held.acquireTime();
            return new Decision(Action.RENEW, new LeaseSpec(me, leaseDurationSeconds, since, now, transitions));
        }
        if (!held.isExpired(now)) {
            return new Decision(Action.WAIT, held);
        }
        return new Decision(Action.ACQUIRE, new LeaseSpec(me, leaseDurationSeconds, now, now, transitions + 1));
    }

    /** The spec that gives up a held lease: no holder, so any candidate may take it at once. */
    public static LeaseSpec released(LeaseSpec held, Instant now) {
        return new LeaseSpec(null, 1, now, now, held.leaseTransitions());
    }

    /** Starts competing, on a daemon thread. Later calls do nothing. */
    public synchronized void start() {
        if (thread == null) {
            thread = daemon(this::run, "leader-elector-" + config.name());
            thread.start();
        }
    }

    /**
     * Stops competing. A leader calls {@code onStoppedLeading}, then releases the lease. Blocks
     * until that is done (at most about twice the renew deadline), unless called from a callback.
     * Idempotent.
     */
    public void stop() {
        stopping.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                // A call in flight, then the release: each is bounded by the renew deadline.
                t.join(config.renewDeadline().multipliedBy(2).plus(config.retryPeriod()).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether this process leads now (true from before onStartedLeading until before onStoppedLeading). */
    public boolean isLeader() {
        return leading;
    }

    /** The identity of the holder last seen, this process's included; null before the first read. */
    public String leader() {
        return leader;
    }

    public String identity() {
        return config.identity();
    }

    private void run() {
        LOG.info("leader election {}: {} is a candidate", lease, config.identity());
        while (awaitLease()) {
            lead();
        }
        calls.shutdownNow();
        LOG.info("leader election {}: {} stopped", lease, config.identity());
    }

    /** Tries every retry period until this process holds the lease; false when stopping. */
    private boolean awaitLease() {
        while (!isStopping()) {
            if (attempt(this::tryAcquireOrRenew, config.renewDeadline()) == Result.HELD) {
                return true;
            }
            if (pause(jittered(config.retryPeriod()))) {
                return false;
            }
        }
        return false;
    }

    private void lead() {
        leading = true;
        LOG.info("leader election {}: {} became the leader", lease, config.identity());
        call("onStartedLeading", callbacks::onStartedLeading);
        renewUntilLost();
        leading = false;
        // Stop the work before releasing: once released, a successor may start it at once.
        call("onStoppedLeading", callbacks::onStoppedLeading);
        if (isStopping()) {
            attempt(this::release, config.renewDeadline());
        }
    }

    /** Renews every retry period; returns when stopping, or when the lease is lost. */
    private void renewUntilLost() {
        long deadline = config.renewDeadline().toNanos();
        long lastRenew = System.nanoTime();
        while (!pause(config.retryPeriod())) {
            long started = System.nanoTime();
            long left = deadline - (started - lastRenew);
            Result result = left > 0 ? attempt(this::tryAcquireOrRenew, Duration.ofNanos(left)) : Result.FAILED;
            if (result == Result.HELD) {
                lastRenew = started;
            } else if (result == Result.HELD_BY_OTHER || System.nanoTime() - lastRenew >= deadline) {
                LOG.warn("leader election {}: {} lost the lease ({}); stepping down", lease, config.identity(),
                        result == Result.HELD_BY_OTHER ? "now held by " + leader : "not renewed within "
                                + config.renewDeadline());
                return;
            }
        }
    }

    /** One read-decide-write round, on the call thread. */
    private Result tryAcquireOrRenew() {
        Lease current = store.get();
        Decision decision = decide(current, config.identity(), clock.instant(), config.leaseDurationSeconds());
        if (decision.action() == Action.WAIT) {
            leader = decision.spec().holderIdentity();
            return Result.HELD_BY_OTHER;
        }
        try {
            if (decision.action() == Action.CREATE) {
                store.create(new Lease(ObjectMeta.named(config.namespace(), config.name()), decision.spec()));
            } else {
                store.update(current.withSpec(decision.spec()));
            }
        } catch (ApiException e) {
            if (ApiException.isConflict(e) || ApiException.isAlreadyExists(e)) {
                LOG.info("leader election {}: another candidate wrote the lease first", lease);
                return Result.FAILED;
            }
            throw e;
        }
        logTakeover(current, decision);
        leader = config.identity();
        return Result.HELD;
    }

    private void logTakeover(Lease previous, Decision decision) {
        if (decision.action() == Action.ACQUIRE) {
            LOG.info("leader election {}: {} took over from {} (transition {})", lease, config.identity(),
                    previous.spec().holderIdentity(), decision.spec().leaseTransitions());
        }
    }

    /** Clears the holder if it is still us; on the call thread. */
    private Result release() {
        Lease current = store.get();
        if (current == null || !config.identity().equals(current.spec().holderIdentity())) {
            return Result.HELD_BY_OTHER;
        }
        store.update(current.withSpec(released(current.spec(), clock.instant())));
        leader = null;
        LOG.info("leader election {}: {} released the lease", lease, config.identity());
        return Result.HELD;
    }

    /** Runs one call with a time limit; an error, a timeout or a refused call are all FAILED. */
    private Result attempt(Callable<Result> call, Duration timeout) {
        Future<Result> future;
        try {
            future = calls.submit(call);
        } catch (RejectedExecutionException e) {
            return Result.FAILED;
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("leader election {}: the apiserver did not answer within {}", lease, timeout);
        } catch (ExecutionException e) {
            LOG.warn("leader election {}: reading or writing the lease failed: {}", lease, e.getCause().getMessage());
        } catch (InterruptedException e) {
            // Our own thread: an interrupt can only mean "stop".
            stopping.countDown();
        }
        return Result.FAILED;
    }

    private void call(String name, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("leader election {}: {} threw; continuing", lease, name, e);
        }
    }

    /** Waits, returning true at once if stopping. */
    private boolean pause(Duration duration) {
        try {
            return stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            stopping.countDown();
            return true;
        }
    }

    private boolean isStopping() {
        return stopping.getCount() == 0;
    }

    /** Up to 20% more, so that candidates started together do not keep colliding. */
    private static Duration jittered(Duration period) {
        return period.plusNanos((long) (period.toNanos() * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread t = new Thread(runnable, name);
        t.setDaemon(true);
        return t;
    }
}
