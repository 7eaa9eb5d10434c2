package io.ept.platform;

/**
 * EPT's one retry rule: after the n-th failed try in a row wait {@code firstMillis * 2^(n-1)}, capped at
 * {@code maxMillis}; give up after {@code attempts} tries ({@link #UNLIMITED} for loops that run until stopped).
 * Used by the webhook deliveries, the Redis subscription and the APIC monitor's busy back-off.
 */
public record Backoff(long firstMillis, long maxMillis, int attempts) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Backoff {
        if (attempts < 1 || firstMillis < 0 || maxMillis < firstMillis) {
            throw new IllegalArgumentException("a back-off needs attempts >= 1 and 0 <= first delay <= max delay, not "
                    + attempts + " attempts, " + firstMillis + " ms first, " + maxMillis + " ms max");
        }
    }

    /** Retries that never give up. */
    public static Backoff unlimited(long firstMillis, long maxMillis) {
        return new Backoff(firstMillis, maxMillis, UNLIMITED);
    }

    /** Milliseconds to wait after failed try {@code failedTry} (1-based), or -1 when it was the last one allowed. */
    public long delayAfter(int failedTry) {
        if (failedTry < 1) {
            throw new IllegalArgumentException("tries count from 1: " + failedTry);
        }
        if (failedTry >= attempts) {
            return -1;
        }
        long delay = firstMillis;
        for (int i = 1; i < failedTry && delay < maxMillis; i++) {
            delay = delay > maxMillis / 2 ? maxMillis : delay * 2;
        }
        return Math.min(delay, maxMillis);
    }

    /** The failures in a row of one retry loop (not thread-safe: one loop, one thread). */
    public Streak streak() {
        return new Streak(this);
    }

    /** Counts failed tries until a success resets the count. */
    public static final class Streak {
        private final Backoff backoff;
        private int failures;

        private Streak(Backoff backoff) {
            this.backoff = backoff;
        }

        /** Counts a failed try; returns the milliseconds to wait before the next, or -1 when no try is left. */
        public long failed() {
            failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
            return backoff.delayAfter(failures);
        }

        public void succeeded() {
            failures = 0;
        }

        /** Failed tries since the last success. */
        public int failures() {
            return failures;
        }
    }
}
