package io.ept.status;

import io.ept.platform.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of this node's epm pipeline, from websocket receipt to the stored result: what the subscriber received
 * and queued, what the workers processed, where the worker time goes, and the latency of live events (websocket
 * receipt to stored). Counters only grow; readers (the benchmark harness, {@code GET /api/app-status/pipeline})
 * diff two snapshots. Costs a few atomic increments per event.
 */
@ApplicationScoped
public class PipelineMetrics {

    /** Live epm objects received on the websocket and queued for the workers. */
    private final LongAdder liveReceived = new LongAdder();
    /** Messages of an initial build (class queries and vanished-endpoint deletes) queued for the workers. */
    private final LongAdder buildQueued = new LongAdder();
    /** Every epm message sent to the worker queue (live, build, refresh, node-down). */
    private final LongAdder queued = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder liveProcessed = new LongAdder();
    private final LongAdder buildProcessed = new LongAdder();
    private final LongAdder workerMessages = new LongAdder();
    private final LongAdder watchJobs = new LongAdder();
    private final LongAdder storeWrites = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder analyzeNanos = new LongAdder();
    private final LongAdder storeNanos = new LongAdder();
    private final LongAdder workerNanos = new LongAdder();
    private final LatencyHistogram liveLatency = new LatencyHistogram();

    public void liveReceived(int events) {
        liveReceived.add(events);
    }

    public void queued(int messages, int buildMessages) {
        queued.add(messages);
        buildQueued.add(buildMessages);
    }

    /**
     * A worker batch of {@code events} messages processed; stage times are for the whole batch.
     *
     * @param liveReceivedTs websocket receipt times (epoch seconds) of its live events
     */
    public void processedBatch(int events, boolean build, java.util.List<Double> liveReceivedTs, long load,
                               long analyze, long store, long total) {
        workerMessages.increment();
        processed.add(events);
        if (build) {
            buildProcessed.add(events);
        }
        long now = System.currentTimeMillis();
        for (double ts : liveReceivedTs) {
            liveProcessed.increment();
            liveLatency.record(Math.max(0, now - ts * 1000.0));
        }
        loadNanos.add(load);
        analyzeNanos.add(analyze);
        storeNanos.add(store);
        workerNanos.add(total);
    }

    /** Document writes (updates, upserts) the workers sent to the store. */
    public void storeWrites(int writes) {
        storeWrites.add(writes);
    }

    /** Watch jobs (rechecks, notifications) the workers sent to the watcher. */
    public void watchJobs(int jobs) {
        watchJobs.add(jobs);
    }

    public JsonObject snapshot() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        JsonArrayBuilder bounds = JsonSupport.JSON.createArrayBuilder();
        for (double b : LatencyHistogram.UPPER_BOUNDS_MILLIS) {
            bounds.add(b);
        }
        JsonArrayBuilder counts = JsonSupport.JSON.createArrayBuilder();
        long[] latency = liveLatency.snapshot();
        for (long c : latency) {
            counts.add(c);
        }
        return JsonSupport.JSON.createObjectBuilder()
                .add("timestampMillis", System.currentTimeMillis())
                .add("liveReceived", liveReceived.sum())
                .add("buildQueued", buildQueued.sum())
                .add("queued", queued.sum())
                .add("processed", processed.sum())
                .add("liveProcessed", liveProcessed.sum())
                .add("buildProcessed", buildProcessed.sum())
                .add("workerMessages", workerMessages.sum())
                .add("watchJobs", watchJobs.sum())
                .add("storeWrites", storeWrites.sum())
                .add("workerMillis", JsonSupport.JSON.createObjectBuilder()
                        .add("load", loadNanos.sum() / 1_000_000)
                        .add("analyze", analyzeNanos.sum() / 1_000_000)
                        .add("store", storeNanos.sum() / 1_000_000)
                        .add("total", workerNanos.sum() / 1_000_000))
                .add("liveLatencyMillis", JsonSupport.JSON.createObjectBuilder()
                        .add("p50", LatencyHistogram.percentile(latency, 0.50))
                        .add("p99", LatencyHistogram.percentile(latency, 0.99))
                        .add("upperBounds", bounds)
                        .add("counts", counts))
                .add("heap", JsonSupport.JSON.createObjectBuilder()
                        .add("usedBytes", heap.getUsed())
                        .add("committedBytes", heap.getCommitted())
                        .add("maxBytes", heap.getMax()))
                .build();
    }
}
