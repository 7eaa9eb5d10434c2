package io.ept.status;

import io.ept.messaging.QueueCounters;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * EPT's meters on a Micrometer registry (WildFly's micrometer subsystem serves them in Prometheus format at
 * {@code /metrics} on the management interface). The sources are EPT's own counters ({@link PipelineMetrics}, the
 * broker's queue counters, the store's counts); this class only exposes them. Labels are bounded: fabric, APIC class,
 * endpoint type and state, finding kind, queue, subscriber state; never an endpoint address.
 *
 * <p>Meters whose label sets come and go (per fabric) are gauges over values set by {@link #update}: a label set not
 * given in an update is removed, so a deleted fabric leaves the scrape.
 */
public final class EptMeters {

    /** Every metric name EPT exports, as scraped (Prometheus names). The dashboard test checks against it. */
    public static final List<String> PROMETHEUS_NAMES = List.of(
            "ept_endpoints", "ept_findings",
            "ept_events_received_total", "ept_events_processed_total", "ept_events_dropped_total",
            "ept_queue_depth", "ept_queue_oldest_message_age_seconds", "ept_queue_consumers",
            "ept_queue_messages_added_total", "ept_dead_letter_messages",
            "ept_subscriber_state", "ept_websocket_age_seconds", "ept_last_event_age_seconds",
            "ept_initial_build_duration_seconds",
            "ept_apic_request_seconds_bucket", "ept_apic_request_seconds_count", "ept_apic_request_seconds_sum",
            "ept_apic_request_seconds_max",
            "ept_store_write_seconds_bucket", "ept_store_write_seconds_count", "ept_store_write_seconds_sum",
            "ept_store_write_seconds_max", "ept_store_writes_total", "ept_events_already_stored_total",
            "ept_analysis_latency_seconds_bucket", "ept_analysis_latency_seconds_count",
            "ept_analysis_latency_seconds_sum", "ept_analysis_latency_seconds_max");

    /** Name prefix of every EPT metric. */
    public static final String PREFIX = "ept_";

    public static final List<String> SUBSCRIBER_STATES = List.of("starting", "building", "running", "failed", "stopped");

    /** Prometheus histogram buckets of the analysis latency (receipt on the websocket to stored). */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(300)};

    /** Buckets of the APIC REST request duration. */
    static final Duration[] APIC_REQUEST_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    /** Buckets of a worker's store write (one bulk write per worker message). */
    static final Duration[] STORE_WRITE_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    /** One refresh of the values that are not counters. */
    public record Snapshot(
            /* fabric -> type (mac, ipv4, ipv6) -> state (active, stale, offsubnet, rapid) -> endpoints */
            Map<String, Map<String, Map<String, Long>>> endpoints,
            /* fabric -> kind (move, stale, offsubnet, rapid, clear) -> records */
            Map<String, Map<String, Long>> findings,
            /* fabric -> subscriber state (one of SUBSCRIBER_STATES) */
            Map<String, String> subscribers,
            /* queue -> age in seconds of its first message (0 when empty) */
            Map<String, Double> oldestMessageAge) {
    }

    private final MeterRegistry registry;
    private final PipelineMetrics pipeline;
    private final QueueCache cache;
    /** Per-fabric gauges by name and tags, with the holder each reads. */
    private final Map<List<Object>, double[]> values = new ConcurrentHashMap<>();
    private final Set<List<Object>> counters = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Double> oldestAge = Map.of();
    private final Timer latency;
    private final Timer apicRequest;
    private final Timer storeWrite;
    private MeterRegistry histogramRegistry;

    /**
     * Registers the meters that exist from the start. Only the registry's plain methods are used
     * ({@code gauge}, {@code more().counter}, {@code more().timer}): WildFly's per-deployment registry forwards those
     * to the server's registries, not meters registered through a builder.
     */
    public EptMeters(MeterRegistry registry, PipelineMetrics pipeline, Supplier<List<QueueCounters>> queues) {
        this.registry = registry;
        this.pipeline = pipeline;
        this.cache = new QueueCache(queues);
        removeAll(registry); // left over by an earlier deployment that did not undeploy cleanly
        for (String queue : io.ept.messaging.QueueStatistics.QUEUES) {
            Tags tags = Tags.of("queue", queue);
            registry.gauge("ept.queue.depth", tags, cache, c -> c.get(queue, QueueCounters::length));
            registry.gauge("ept.queue.consumers", tags, cache, c -> c.get(queue, QueueCounters::consumers));
            registry.more().counter("ept.queue.messages.added", tags, cache, c -> c.get(queue, QueueCounters::rxTotal));
            registry.gauge("ept.queue.oldest.message.age.seconds", tags, this, m -> m.oldestAge.getOrDefault(queue, 0.0));
        }
        registry.gauge("ept.dead.letter.messages", Tags.empty(), cache, c -> c.get("EptDLQ", QueueCounters::length));
        registry.more().counter("ept.store.writes", Tags.empty(), pipeline, PipelineMetrics::storeWriteCount);
        registry.more().counter("ept.events.already.stored", Tags.empty(), pipeline, PipelineMetrics::alreadyStoredCount);
        latency = histogram(registry, "ept.analysis.latency", "Live events from websocket receipt to the stored analysis result",
                LATENCY_BUCKETS);
        apicRequest = histogram(registry, "ept.apic.request", "REST requests to the APICs", APIC_REQUEST_BUCKETS);
        storeWrite = histogram(registry, "ept.store.write", "Worker store writes (one bulk write per worker message)",
                STORE_WRITE_BUCKETS);
        pipeline.latencySink(millis -> latency.record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS));
        pipeline.durationSinks(nanos -> apicRequest.record(nanos, TimeUnit.NANOSECONDS),
                nanos -> storeWrite.record(nanos, TimeUnit.NANOSECONDS));
    }

    /**
     * A timer published as a Prometheus histogram with the given buckets. WildFly's per-deployment registry registers
     * only default meters (no buckets) on the server's registries and refuses configuration, so the timer is
     * registered on the server registry it wraps, tagged with the deployment like the deployment's other meters;
     * {@link #close} removes it. Any other registry takes it directly.
     */
    private Timer histogram(MeterRegistry registry, String name, String description, Duration[] buckets) {
        Timer.Builder builder = Timer.builder(name).description(description).serviceLevelObjectives(buckets);
        try {
            java.lang.reflect.Field parent = registry.getClass().getDeclaredField("parentRegistry");
            java.lang.reflect.Field deployment = registry.getClass().getDeclaredField("deploymentName");
            parent.setAccessible(true);
            deployment.setAccessible(true);
            MeterRegistry server = (MeterRegistry) parent.get(registry);
            histogramRegistry = server;
            return builder.tag("WF_DEPLOYMENT", String.valueOf(deployment.get(registry))).register(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            histogramRegistry = registry;
            return builder.register(registry);
        }
    }

    /**
     * Removes every meter of this deployment: WildFly keeps a deployment's meters in the server's registries after
     * undeploy, still bound to the undeployed beans, and would hand them back to the next deployment.
     */
    public void close() {
        pipeline.latencySink(null);
        pipeline.durationSinks(null, null);
        histogramRegistry.remove(latency);
        histogramRegistry.remove(apicRequest);
        histogramRegistry.remove(storeWrite);
        removeAll(registry);
    }

    /** Removes every EPT meter the registry shows (WildFly's per-deployment registry: this deployment's). */
    public static void removeAll(MeterRegistry registry) {
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("ept.")) {
                registry.remove(meter);
            }
        }
    }

    /** Registers the counters of new (fabric, class) pairs and replaces every per-fabric gauge value. */
    public void update(Snapshot snapshot) {
        snapshot.subscribers().keySet().forEach(pipeline::initFabric);
        counters("ept.events.received", pipeline.receivedByClass());
        counters("ept.events.processed", pipeline.processedByClass());
        counters("ept.events.dropped", pipeline.droppedByClass());

        Set<List<Object>> seen = new HashSet<>();
        snapshot.endpoints().forEach((fabric, types) -> types.forEach((type, states) -> states.forEach((state, n) ->
                set(seen, "ept.endpoints", Tags.of("fabric", fabric, "type", type, "state", state), n))));
        snapshot.findings().forEach((fabric, kinds) -> kinds.forEach((kind, n) ->
                set(seen, "ept.findings", Tags.of("fabric", fabric, "kind", kind), n)));
        long now = System.currentTimeMillis();
        snapshot.subscribers().forEach((fabric, state) -> {
            for (String s : SUBSCRIBER_STATES) {
                set(seen, "ept.subscriber.state", Tags.of("fabric", fabric, "state", s), s.equals(state) ? 1 : 0);
            }
            PipelineMetrics.FabricTimes times = pipeline.fabricTimes().get(fabric);
            if (times == null) {
                return;
            }
            boolean live = "running".equals(state) || "building".equals(state);
            if (live && times.websocketOpenedMillis() > 0) {
                set(seen, "ept.websocket.age.seconds", Tags.of("fabric", fabric),
                        (now - times.websocketOpenedMillis()) / 1000.0);
            }
            if (times.lastEventMillis() > 0) {
                set(seen, "ept.last.event.age.seconds", Tags.of("fabric", fabric), (now - times.lastEventMillis()) / 1000.0);
            }
            if (times.lastBuildSeconds() >= 0) {
                set(seen, "ept.initial.build.duration.seconds", Tags.of("fabric", fabric), times.lastBuildSeconds());
            }
        });
        oldestAge = Map.copyOf(snapshot.oldestMessageAge());
        for (List<Object> key : values.keySet()) {
            if (!seen.contains(key)) {
                values.remove(key);
                remove(key);
            }
        }
    }

    /** Removes the counters of fabrics that no longer exist and forgets them. */
    public void forgetFabricsExcept(Set<String> fabrics) {
        Set<String> gone = new HashSet<>();
        for (List<Object> key : counters) {
            String fabric = ((Tags) key.get(1)).stream().filter(t -> t.getKey().equals("fabric")).map(Tag::getValue)
                    .findFirst().orElse(null);
            if (fabric != null && !fabrics.contains(fabric)) {
                gone.add(fabric);
                remove(key);
                counters.remove(key);
            }
        }
        gone.forEach(pipeline::forget);
    }

    private void counters(String name, Map<PipelineMetrics.FabricClass, LongAdder> source) {
        source.forEach((k, adder) -> {
            Tags tags = Tags.of("fabric", k.fabric(), "class", k.cls());
            if (counters.add(List.of(name, tags))) {
                registry.more().counter(name, tags, adder, LongAdder::doubleValue);
            }
        });
    }

    private void set(Set<List<Object>> seen, String name, Tags tags, double value) {
        List<Object> key = List.of(name, tags);
        seen.add(key);
        double[] holder = values.get(key);
        if (holder != null) {
            holder[0] = value;
            return;
        }
        holder = new double[] {value};
        values.put(key, holder);
        registry.gauge(name, tags, holder, h -> h[0]);
    }

    private void remove(List<Object> key) {
        for (Meter meter : registry.find((String) key.get(0)).tags((Tags) key.get(1)).meters()) {
            registry.remove(meter);
        }
    }

    /** The broker's queue counters, read at most every two seconds however many gauges ask. */
    private static final class QueueCache {
        private final Supplier<List<QueueCounters>> source;
        private volatile List<QueueCounters> last = List.of();
        private volatile long readMillis;

        QueueCache(Supplier<List<QueueCounters>> source) {
            this.source = source;
        }

        double get(String queue, java.util.function.ToLongFunction<QueueCounters> field) {
            long now = System.currentTimeMillis();
            if (now - readMillis > 2000) {
                readMillis = now;
                try {
                    last = source.get();
                } catch (RuntimeException e) {
                    last = List.of();
                }
            }
            return last.stream().filter(c -> c.queue().equals(queue)).findFirst().map(c -> (double) field.applyAsLong(c))
                    .orElse(Double.NaN);
        }
    }
}
