package io.ept.status;

import io.ept.messaging.QueueCounters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EPT's meters as Prometheus text: every documented name, bounded labels, deleted fabrics leave the scrape. */
class EptMetersTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMetrics pipeline = new PipelineMetrics();

    private EptMeters meters() {
        return new EptMeters(registry, pipeline, () -> List.of(
                new QueueCounters("EptWorkerQueue", 3, 10, 7, 1, 0, 8),
                new QueueCounters("EptWatcherQueue", 0, 2, 2, 0, 0, 4),
                new QueueCounters("EptDLQ", 1, 1, 0, 0, 0, 0)));
    }

    private static EptMeters.Snapshot snapshot(String fabric, String state) {
        return new EptMeters.Snapshot(
                Map.of(fabric, Map.of("mac", Map.of("active", 5L, "stale", 1L, "offsubnet", 0L, "rapid", 0L))),
                Map.of(fabric, Map.of("move", 2L, "stale", 1L, "offsubnet", 0L, "rapid", 0L, "clear", 0L)),
                Map.of(fabric, state), Map.of("EptWorkerQueue", 4.5));
    }

    @Test
    void everyDocumentedMetricIsScrapedWithBoundedLabels() {
        EptMeters meters = meters();
        pipeline.liveReceived("f1", "epmMacEp", 3);
        pipeline.liveReceived("f1", "10.1.2.3", 1); // not a class EPT knows: must not become a label value
        pipeline.processed("f1", Map.of("epmIpEp", 2));
        pipeline.dropped("f1", "unknown", 1);
        pipeline.websocketOpened("f1");
        pipeline.buildCompleted("f1", 12.5);
        pipeline.apicRequest(2_000_000);
        pipeline.storeWrites(4);
        pipeline.alreadyStored(2);
        pipeline.processedBatch(1, false, List.of(System.currentTimeMillis() / 1000.0 - 0.02), 1, 1, 1_000_000, 3);
        meters.update(snapshot("f1", "running"));

        String text = registry.scrape();
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), line);
            names.add(m.group(1));
            String labels = m.group(3) == null ? "" : m.group(3);
            assertFalse(labels.matches(".*\"\\d+\\.\\d+\\.\\d+\\.\\d+\".*"), "an address as a label value: " + line);
        }
        for (String name : EptMeters.PROMETHEUS_NAMES) {
            assertTrue(names.contains(name), name + " not in the scrape:\n" + text);
        }
        assertTrue(text.contains("ept_events_received_total{class=\"epmMacEp\",fabric=\"f1\"} 3.0"), text);
        assertTrue(text.contains("ept_events_received_total{class=\"other\",fabric=\"f1\"} 1.0"), text);
        assertTrue(text.contains("ept_subscriber_state{fabric=\"f1\",state=\"running\"} 1.0"), text);
        assertTrue(text.contains("ept_subscriber_state{fabric=\"f1\",state=\"failed\"} 0.0"), text);
        assertTrue(text.contains("ept_queue_depth{queue=\"EptWorkerQueue\"} 3.0"), text);
        assertTrue(text.contains("ept_dead_letter_messages 1.0"), text);
        assertTrue(text.contains("ept_events_already_stored_total 2.0"), text);
        assertTrue(text.contains("ept_initial_build_duration_seconds{fabric=\"f1\"} 12.5"), text);
        assertTrue(text.contains("ept_analysis_latency_seconds_bucket{le=\"0.05\"} 1"), text);
        assertTrue(text.contains("ept_analysis_latency_seconds_bucket{le=\"0.005\"} 0"), text);
    }

    @Test
    void aDeletedFabricLeavesTheScrape() {
        EptMeters meters = meters();
        pipeline.liveReceived("gone", "epmMacEp", 1);
        meters.update(snapshot("gone", "failed"));
        assertTrue(registry.scrape().contains("fabric=\"gone\""));
        meters.update(new EptMeters.Snapshot(Map.of(), Map.of(), Map.of(), Map.of()));
        meters.forgetFabricsExcept(Set.of());
        assertFalse(registry.scrape().contains("fabric=\"gone\""), registry.scrape());
        assertEquals(0, pipeline.receivedByClass().size());
    }

    @Test
    void apicRequestsAndStoreWritesAreHistograms() {
        meters();
        pipeline.apicRequest(30_000_000);
        pipeline.apicRequest(700_000_000);
        pipeline.processedBatch(10, false, List.of(), 0, 0, 3_000_000, 5_000_000);
        String text = registry.scrape();
        assertTrue(text.contains("ept_apic_request_seconds_bucket{le=\"0.025\"} 0"), text);
        assertTrue(text.contains("ept_apic_request_seconds_bucket{le=\"0.05\"} 1"), text);
        assertTrue(text.contains("ept_apic_request_seconds_bucket{le=\"1.0\"} 2"), text);
        assertTrue(text.contains("ept_apic_request_seconds_count 2"), text);
        assertTrue(text.contains("ept_store_write_seconds_bucket{le=\"0.002\"} 0"), text);
        assertTrue(text.contains("ept_store_write_seconds_bucket{le=\"0.005\"} 1"), text);
        assertTrue(text.contains("ept_store_write_seconds_count 1"), text);
    }

    @Test
    void aRedeploymentReadsItsOwnCountersNotTheUndeployedOnes() {
        EptMeters first = meters();
        pipeline.apicRequest(1_000_000);
        pipeline.apicRequest(1_000_000);
        first.close();
        PipelineMetrics fresh = new PipelineMetrics();
        new EptMeters(registry, fresh, List::of);
        fresh.apicRequest(1_000_000);
        assertTrue(registry.scrape().contains("ept_apic_request_seconds_count 1"), registry.scrape());
    }
}
