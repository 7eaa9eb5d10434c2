package io.ept.publish;

/**
 * Webhook retries: up to {@code attempts} tries; the wait before try n+1 is {@code firstDelayMillis * 2^(n-1)},
 * capped at {@code maxDelayMillis}.
 */
public record RetryPolicy(int attempts, long firstDelayMillis, long maxDelayMillis) {

    public RetryPolicy {
        if (attempts < 1 || firstDelayMillis < 0 || maxDelayMillis < firstDelayMillis) {
            throw new IllegalArgumentException("retry policy needs attempts >= 1 and 0 <= first delay <= max delay");
        }
    }

    /** Milliseconds to wait after failed try {@code attempt} (1-based), or -1 when it was the last. */
    public long delayAfter(int attempt) {
        if (attempt >= attempts) {
            return -1;
        }
        long delay = firstDelayMillis;
        for (int i = 1; i < attempt && delay < maxDelayMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelayMillis);
    }
}
