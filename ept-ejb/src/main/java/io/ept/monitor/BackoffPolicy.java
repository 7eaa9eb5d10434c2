package io.ept.monitor;

import java.time.Duration;

/**
 * The fabric monitor's one back-off rule for an APIC that answers 429/503 ("slow down"): the wait doubles with each
 * busy answer in a row, from {@code first} up to {@code max}. Used by calls that retry in place (start-up reads,
 * subscriptions) and by the keep-alive, which pauses instead of failing.
 */
public record BackoffPolicy(Duration first, Duration max) {

    /** Doublings after which the wait stops growing (before {@code max} caps it). */
    private static final int MAX_DOUBLINGS = 6;

    /** One APIC call retried in place: 0.5 s, 1 s, 2 s ... at most 30 s. */
    public static final BackoffPolicy APIC_CALL = new BackoffPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));
    /** The keep-alive (token, subscription refresh, heartbeat) paused: 1 s, 2 s, 4 s ... at most 60 s. */
    public static final BackoffPolicy KEEP_ALIVE = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public BackoffPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max: " + first + ", " + max);
        }
    }

    /** The wait after {@code busyInARow} busy answers in a row (1 for the first). */
    public long delayMillis(int busyInARow) {
        int doublings = Math.min(MAX_DOUBLINGS, Math.max(0, busyInARow - 1));
        return Math.min(max.toMillis(), first.toMillis() << doublings);
    }
}
