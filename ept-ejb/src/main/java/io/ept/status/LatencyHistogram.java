package io.ept.status;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lock-free latency histogram with exponential buckets (each 20% wider than the previous, 0.1 ms to about 3 h).
 * Counts only ever grow, so a reader takes two snapshots and subtracts them to get the percentiles of any interval;
 * the reported percentile is the upper bound of its bucket (at most 20% above the true value).
 */
public final class LatencyHistogram {

    /** Upper bounds of the buckets in milliseconds; the last bucket also takes everything above. */
    public static final double[] UPPER_BOUNDS_MILLIS = bounds();

    private final AtomicLongArray counts = new AtomicLongArray(UPPER_BOUNDS_MILLIS.length);

    private static double[] bounds() {
        double[] b = new double[100];
        double bound = 0.1;
        for (int i = 0; i < b.length; i++) {
            b[i] = bound;
            bound *= 1.2;
        }
        return b;
    }

    public void record(double millis) {
        counts.incrementAndGet(bucket(millis));
    }

    static int bucket(double millis) {
        int lo = 0;
        int hi = UPPER_BOUNDS_MILLIS.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (millis <= UPPER_BOUNDS_MILLIS[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public long[] snapshot() {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /** The upper bound of the bucket holding the {@code quantile} (0-1) of {@code counts}, or 0 when empty. */
    public static double percentile(long[] counts, double quantile) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return UPPER_BOUNDS_MILLIS[i];
            }
        }
        return UPPER_BOUNDS_MILLIS[counts.length - 1];
    }
}
