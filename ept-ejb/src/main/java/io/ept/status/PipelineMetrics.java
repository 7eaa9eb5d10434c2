package io.ept.status;

import io.ept.platform.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleConsumer;

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
    private final LongAdder alreadyStored = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder analyzeNanos = new LongAdder();
    private final LongAdder storeNanos = new LongAdder();
    private final LongAdder workerNanos = new LongAdder();
    private final LatencyHistogram liveLatency = new LatencyHistogram();
    /** Per fabric and APIC class (the label sets of the Prometheus metrics; never an endpoint address). */
    private final Map<FabricClass, LongAdder> receivedByClass = new ConcurrentHashMap<>();
    private final Map<FabricClass, LongAdder> processedByClass = new ConcurrentHashMap<>();
    private final Map<FabricClass, LongAdder> droppedByClass = new ConcurrentHashMap<>();
    /** Per fabric: subscriber timestamps (epoch millis) and the last initial build's duration. */
    private final Map<String, FabricTimes> fabricTimes = new ConcurrentHashMap<>();
    private final LongAdder apicRequests = new LongAdder();
    private final LongAdder apicRequestNanos = new LongAdder();
    /** Also told every live latency (milliseconds): the Prometheus histogram, when there is a meter registry. */
    private volatile DoubleConsumer latencySink = millis -> { };
    private volatile java.util.function.LongConsumer apicRequestSink = nanos -> { };
    private volatile java.util.function.LongConsumer storeWriteSink = nanos -> { };

    /** A (fabric, APIC class) label pair. */
    public record FabricClass(String fabric, String cls) {
    }

    /** What the subscriber of one fabric last did, as epoch millis (0: never). */
    public static final class FabricTimes {
        volatile long websocketOpenedMillis;
        volatile long lastEventMillis;
        volatile double lastBuildSeconds = -1;

        public long websocketOpenedMillis() {
            return websocketOpenedMillis;
        }

        public long lastEventMillis() {
            return lastEventMillis;
        }

        /** Duration of the last completed initial build, -1 when none completed since this node started. */
        public double lastBuildSeconds() {
            return lastBuildSeconds;
        }
    }

    /** Live epm objects of {@code cls} received for {@code fabric}. */
    public void liveReceived(String fabric, String cls, int events) {
        liveReceived(events);
        add(receivedByClass, fabric, boundedClass(cls), events);
        times(fabric).lastEventMillis = System.currentTimeMillis();
    }

    /** Events of a worker message analysed and stored ({@code counts}: APIC class to events). */
    public void processed(String fabric, Map<String, Integer> counts) {
        counts.forEach((cls, n) -> add(processedByClass, fabric, boundedClass(cls), n));
    }

    /** Events lost: discarded frames, unparseable objects, work dead-lettered or discarded. */
    public void dropped(String fabric, String cls, int events) {
        add(droppedByClass, fabric, cls, events);
    }

    public void websocketOpened(String fabric) {
        times(fabric).websocketOpenedMillis = System.currentTimeMillis();
    }

    public void buildCompleted(String fabric, double seconds) {
        times(fabric).lastBuildSeconds = seconds;
    }

    /** One request to an APIC (REST) and how long it took. */
    public void apicRequest(long nanos) {
        apicRequests.increment();
        apicRequestNanos.add(nanos);
        apicRequestSink.accept(nanos);
    }

    public Map<FabricClass, LongAdder> receivedByClass() {
        return receivedByClass;
    }

    public Map<FabricClass, LongAdder> processedByClass() {
        return processedByClass;
    }

    public Map<FabricClass, LongAdder> droppedByClass() {
        return droppedByClass;
    }

    public Map<String, FabricTimes> fabricTimes() {
        return fabricTimes;
    }

    public long apicRequests() {
        return apicRequests.sum();
    }

    public long apicRequestNanos() {
        return apicRequestNanos.sum();
    }

    public long workerMessages() {
        return workerMessages.sum();
    }

    public long storeNanos() {
        return storeNanos.sum();
    }

    public long storeWriteCount() {
        return storeWrites.sum();
    }

    public void latencySink(DoubleConsumer sink) {
        latencySink = sink == null ? millis -> { } : sink;
    }

    /** Receives the duration (nanoseconds) of every APIC request and of every worker store write, for histograms. */
    public void durationSinks(java.util.function.LongConsumer apicRequest, java.util.function.LongConsumer storeWrite) {
        apicRequestSink = apicRequest == null ? nanos -> { } : apicRequest;
        storeWriteSink = storeWrite == null ? nanos -> { } : storeWrite;
    }

    /** Starts the fabric's event counters of every epm class at zero (a counter's series exists before its first event). */
    public void initFabric(String fabric) {
        for (io.ept.analysis.model.EpmClass c : io.ept.analysis.model.EpmClass.values()) {
            for (Map<FabricClass, LongAdder> map : List.of(receivedByClass, processedByClass, droppedByClass)) {
                map.computeIfAbsent(new FabricClass(fabric, c.className()), k -> new LongAdder());
            }
        }
    }

    /** Forgets a deleted fabric's counters. */
    public void forget(String fabric) {
        receivedByClass.keySet().removeIf(k -> k.fabric().equals(fabric));
        processedByClass.keySet().removeIf(k -> k.fabric().equals(fabric));
        droppedByClass.keySet().removeIf(k -> k.fabric().equals(fabric));
        fabricTimes.remove(fabric);
    }

    /** An APIC class as a label value: the epm classes EPT subscribes to, anything else "other". */
    public static String boundedClass(String cls) {
        if (cls == null) {
            return "unknown";
        }
        for (io.ept.analysis.model.EpmClass c : io.ept.analysis.model.EpmClass.values()) {
            if (c.className().equals(cls)) {
                return cls;
            }
        }
        return "other";
    }

    private FabricTimes times(String fabric) {
        return fabricTimes.computeIfAbsent(fabric, f -> new FabricTimes());
    }

    private static void add(Map<FabricClass, LongAdder> map, String fabric, String cls, int n) {
        map.computeIfAbsent(new FabricClass(fabric, cls == null ? "unknown" : cls), k -> new LongAdder()).add(n);
    }

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
            double millis = Math.max(0, now - ts * 1000.0);
            liveLatency.record(millis);
            latencySink.accept(millis);
        }
        loadNanos.add(load);
        analyzeNanos.add(analyze);
        storeNanos.add(store);
        storeWriteSink.accept(store);
        workerNanos.add(total);
    }

    /** Document writes (updates, upserts) the workers sent to the store. */
    public void storeWrites(int writes) {
        storeWrites.add(writes);
    }

    /** Events of a redelivered worker message that an earlier delivery had stored: not applied again. */
    public void alreadyStored(int events) {
        alreadyStored.add(events);
    }

    public long alreadyStoredCount() {
        return alreadyStored.sum();
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
                .add("alreadyStored", alreadyStored.sum())
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
