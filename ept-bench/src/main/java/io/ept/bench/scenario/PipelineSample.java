package io.ept.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.bench.client.EptClient;

import java.io.IOException;
import java.util.Arrays;

/**
 * One reading of EPT's {@code GET /api/app-status/pipeline} counters (summed over the nodes of a cluster), with the
 * harness's clock. Counters only grow, so the difference of two samples describes the interval between them.
 */
public record PipelineSample(long millis, long liveReceived, long queued, long processed, long liveProcessed,
                             long buildQueued, long buildProcessed, long workerMessages, long watchJobs, long storeWrites,
                             long loadMillis, long analyzeMillis,
                             long storeMillis, long workerMillis, double[] latencyBounds, long[] latencyCounts,
                             long heapUsed, long heapCommitted, long heapMax) {

    /** The counters of EPT: of a cluster, the sum over its nodes (each node counts its own pipeline). */
    public static PipelineSample read(EptClient ept) throws IOException, InterruptedException {
        PipelineSample sum = null;
        for (EptClient node : ept.nodes()) {
            PipelineSample one = readNode(node);
            sum = sum == null ? one : sum.plus(one);
        }
        return sum;
    }

    private static PipelineSample readNode(EptClient ept) throws IOException, InterruptedException {
        JsonNode j = ept.getJson("/app-status/pipeline");
        JsonNode lat = j.path("liveLatencyMillis");
        double[] bounds = new double[lat.path("upperBounds").size()];
        long[] counts = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = lat.path("upperBounds").get(i).asDouble();
            counts[i] = lat.path("counts").get(i).asLong();
        }
        JsonNode w = j.path("workerMillis");
        return new PipelineSample(System.currentTimeMillis(), j.path("liveReceived").asLong(), j.path("queued").asLong(),
                j.path("processed").asLong(), j.path("liveProcessed").asLong(), j.path("buildQueued").asLong(),
                j.path("buildProcessed").asLong(), j.path("workerMessages").asLong(), j.path("watchJobs").asLong(),
                j.path("storeWrites").asLong(),
                w.path("load").asLong(), w.path("analyze").asLong(),
                w.path("store").asLong(), w.path("total").asLong(), bounds, counts,
                j.path("heap").path("usedBytes").asLong(), j.path("heap").path("committedBytes").asLong(),
                j.path("heap").path("maxBytes").asLong());
    }

    /** Two nodes' counters added (heaps too: the cluster's total); the later clock; same latency buckets required. */
    PipelineSample plus(PipelineSample o) {
        if (!Arrays.equals(latencyBounds, o.latencyBounds)) {
            throw new IllegalStateException("nodes report different latency buckets: " + Arrays.toString(latencyBounds)
                    + " and " + Arrays.toString(o.latencyBounds));
        }
        long[] counts = new long[latencyCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = latencyCounts[i] + o.latencyCounts[i];
        }
        return new PipelineSample(Math.max(millis, o.millis), liveReceived + o.liveReceived, queued + o.queued,
                processed + o.processed, liveProcessed + o.liveProcessed, buildQueued + o.buildQueued,
                buildProcessed + o.buildProcessed, workerMessages + o.workerMessages, watchJobs + o.watchJobs,
                storeWrites + o.storeWrites, loadMillis + o.loadMillis, analyzeMillis + o.analyzeMillis,
                storeMillis + o.storeMillis, workerMillis + o.workerMillis, latencyBounds, counts,
                heapUsed + o.heapUsed, heapCommitted + o.heapCommitted, heapMax + o.heapMax);
    }

    /** Latency bucket counts of the interval from {@code earlier} to this sample. */
    public long[] latencySince(PipelineSample earlier) {
        long[] out = new long[latencyCounts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = latencyCounts[i] - (earlier == null ? 0 : earlier.latencyCounts[i]);
        }
        return out;
    }

    /** Upper bound (ms) of the bucket holding quantile {@code q} of {@code counts}; 0 when empty, 1.0 = the maximum. */
    public static double percentile(double[] bounds, long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return bounds[i];
            }
        }
        return bounds[bounds.length - 1];
    }

    public static long total(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }
}
