package io.ept.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {

    @Test
    void percentilesAreBucketUpperBoundsWithin20Percent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i); // 1 ms .. 1 s
        }
        double p50 = LatencyHistogram.percentile(h.snapshot(), 0.50);
        double p99 = LatencyHistogram.percentile(h.snapshot(), 0.99);
        assertTrue(p50 >= 500 && p50 <= 600, "p50 " + p50);
        assertTrue(p99 >= 990 && p99 <= 1188, "p99 " + p99);
        assertEquals(0, LatencyHistogram.percentile(new LatencyHistogram().snapshot(), 0.99));
    }

    @Test
    void extremesLandInTheFirstAndLastBuckets() {
        assertEquals(0, LatencyHistogram.bucket(0));
        assertEquals(LatencyHistogram.UPPER_BOUNDS_MILLIS.length - 1, LatencyHistogram.bucket(1e12));
        assertTrue(LatencyHistogram.UPPER_BOUNDS_MILLIS[LatencyHistogram.UPPER_BOUNDS_MILLIS.length - 1] > 3_600_000);
    }
}
