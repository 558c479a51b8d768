package dev.jk8s.controllermanager.controller;

/**
 * A token bucket: {@code perSecond} tokens a second, at most one second's worth saved up (and at
 * least one). Thread-safe.
 */
public final class RateLimiter {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(double perSecond) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
    }

    /** Takes a token if one is there. */
    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long until the next token, roughly. */
    public java.time.Duration interval() {
        return java.time.Duration.ofMillis((long) Math.ceil(1000 / perSecond));
    }
}
