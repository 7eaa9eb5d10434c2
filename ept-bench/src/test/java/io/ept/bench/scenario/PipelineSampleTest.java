package io.ept.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PipelineSampleTest {

    private static PipelineSample sample(long millis, long base, double[] bounds, long[] counts) {
        return new PipelineSample(millis, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8,
                base + 9, base + 10, base + 11, base + 12, base + 13, bounds, counts, base + 14, base + 15, base + 16);
    }

    @Test
    void nodesAddUpCounterByCounterAndBucketByBucket() {
        double[] bounds = {10, 100, 1000};
        PipelineSample a = sample(1_000, 0, bounds, new long[]{5, 1, 0});
        PipelineSample b = sample(2_000, 100, bounds, new long[]{1, 2, 3});
        PipelineSample sum = a.plus(b);
        assertEquals(2_000, sum.millis());
        assertEquals(1 + 101, sum.liveReceived());
        assertEquals(4 + 104, sum.liveProcessed());
        assertEquals(3 + 103, sum.processed());
        assertEquals(13 + 113, sum.workerMillis());
        assertEquals(14 + 114, sum.heapUsed());
        assertArrayEquals(new long[]{6, 3, 3}, sum.latencyCounts());
        assertEquals(10, PipelineSample.percentile(bounds, sum.latencyCounts(), 0.5));
        assertEquals(100, PipelineSample.percentile(bounds, sum.latencyCounts(), 0.75));
        assertEquals(1000, PipelineSample.percentile(bounds, sum.latencyCounts(), 0.99));
    }

    @Test
    void nodesWithDifferentLatencyBucketsCannotBeAdded() {
        PipelineSample a = sample(1, 0, new double[]{10, 100}, new long[]{1, 1});
        PipelineSample b = sample(1, 0, new double[]{10, 200}, new long[]{1, 1});
        assertThrows(IllegalStateException.class, () -> a.plus(b));
    }
}
